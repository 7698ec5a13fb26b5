-- 0006: text that is not UTF-8, stored by versions whose command line did
-- not check it, is repaired: every invalid byte sequence in every text
-- column becomes U+FFFD, with an audit-log row (action 'repair') for each
-- repaired value of a record. The work is done in C after this file
-- (src/store/sqlite/store_sqlite_repair.c), inside the same transaction: SQL alone
-- cannot tell UTF-8 from other bytes.
SELECT 1;
