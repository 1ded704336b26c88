/*
 * search.h — `q` of a list as a FULLTEXT query in boolean mode (MATCH ...
 * AGAINST (? IN BOOLEAN MODE)) over an index built without stopwords.
 */
#ifndef BH_SEARCH_H
#define BH_SEARCH_H

struct arena;

#define SEARCH_MAX_CHARS	200	/* of q */
#define SEARCH_MAX_WORDS	8
/* innodb_ft_min_token_size is 3; longer words than the index keeps are
 * left out rather than found nowhere. */
#define SEARCH_WORD_MIN_CHARS	3
#define SEARCH_WORD_MAX_CHARS	84

/* The words of q (valid UTF-8) as "+word1* +word2*": every word required,
 * as a prefix; only word characters go in, so nothing typed is an
 * operator. Arena-owned; NULL when no word of 3 or more characters is left. */
const char *search_text_query(struct arena *a, const char *q);

#endif
