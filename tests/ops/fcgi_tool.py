#!/usr/bin/env python3
"""tests/ops/fcgi_tool.py — two small FastCGI tools for the tests of handlers on TCP.

    fcgi_tool.py get ADDR:PORT PATH       one GET straight to a handler (no nginx);
                                          prints the status line it answered, or
                                          "closed" when it closed without a word
    fcgi_tool.py drop ADDR:PORT COUNTFILE a handler that dies mid-request: takes each
                                          connection, reads the request whole, appends
                                          its REQUEST_METHOD to COUNTFILE, closes unanswered
"""
import socket
import struct
import sys


def record(rtype, content, req_id=1):
    return struct.pack('>BBHHBx', 1, rtype, req_id, len(content), 0) + content


def nv(name, value):
    out = b''
    for s in (name, value):
        n = len(s)
        out += bytes([n]) if n < 128 else struct.pack('>I', n | 0x80000000)
    return out + name + value


def addr(text):
    host, port = text.rsplit(':', 1)
    return host.strip('[]'), int(port)


def read_records(conn):
    buf = b''
    while True:
        while len(buf) >= 8:
            _, rtype, _, clen, plen = struct.unpack('>BBHHB', buf[:7])
            if len(buf) < 8 + clen + plen:
                break
            yield rtype, buf[8:8 + clen]
            buf = buf[8 + clen + plen:]
        chunk = conn.recv(65536)
        if not chunk:
            return
        buf += chunk


def get(target, path):
    params = {b'REQUEST_METHOD': b'GET', b'REQUEST_URI': path.encode(),
              b'DOCUMENT_URI': path.split('?')[0].encode(),
              b'SCRIPT_NAME': path.split('?')[0].encode(),
              b'QUERY_STRING': (path.split('?', 1) + [''])[1].encode(),
              b'REMOTE_ADDR': b'127.0.0.1', b'SERVER_PROTOCOL': b'HTTP/1.1',
              b'CONTENT_LENGTH': b'0'}
    body = b''.join(nv(k, v) for k, v in params.items())
    conn = socket.create_connection(addr(target), timeout=10)
    out = b''
    try:
        conn.sendall(record(1, struct.pack('>HB5x', 1, 0)) + record(4, body) + record(4, b'') +
                     record(5, b''))
        for rtype, content in read_records(conn):
            if rtype == 6:
                out += content
            if rtype == 3:
                break
    except (ConnectionResetError, BrokenPipeError):
        pass	# closed before (or while) the request was read: no answer
    conn.close()
    if not out:
        print('closed')
        return
    status = '200'
    for line in out.split(b'\r\n'):
        if line.lower().startswith(b'status:'):
            status = line.split(b':', 1)[1].split()[0].decode()
        if not line:
            break
    print(status)


def drop(target, countfile):
    s = socket.socket(socket.AF_INET6 if ':' in addr(target)[0] else socket.AF_INET)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(addr(target))
    s.listen(16)
    while True:
        conn, _ = s.accept()
        method = b'?'
        conn.settimeout(5)
        try:
            for rtype, content in read_records(conn):
                if rtype == 4 and b'REQUEST_METHOD' in content:
                    i = content.index(b'REQUEST_METHOD')
                    n = content[i - 1]
                    method = content[i + 14:i + 14 + n]
                if rtype == 5 and not content:
                    break
        except OSError:
            pass
        with open(countfile, 'a') as f:
            f.write(method.decode(errors='replace') + '\n')
        conn.close()


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'get':
        get(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == 'drop':
        drop(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
