-- Key secrets are now HMAC-SHA256 under a server-side pepper ('h1:<hex>'); bare hex is a legacy
-- plain SHA-256, still honoured.
alter table api_keys rename column secret_sha256 to secret_hash;
