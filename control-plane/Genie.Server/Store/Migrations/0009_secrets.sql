-- Per-namespace secrets. The values never sit here in the clear: `ciphertext` is the AES-256-GCM encryption of
-- the secret's key/value map (tag appended), `key_id` names the key that sealed it, so a key rotation knows which
-- rows still need re-encrypting. `keys` lists the map's key names, which are not secret, for listings and for
-- checking the references of job specs without decrypting anything.
create table secrets (
    namespace  text        not null,
    name       text        not null,
    keys       text[]      not null,
    key_id     text        not null,
    nonce      bytea       not null,
    ciphertext bytea       not null,
    created_at timestamptz not null,
    rotated_at timestamptz,
    primary key (namespace, name)
);

create index secrets_key_id on secrets (key_id);
