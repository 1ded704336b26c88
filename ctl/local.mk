# ctl: burenhulpctl (infra engineer fills this in)
