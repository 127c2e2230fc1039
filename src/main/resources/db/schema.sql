-- Schema of the reference service. Applied at every start, so each statement is idempotent.
-- Every query the API makes has an index below; the comment on each index names the query.

CREATE TABLE IF NOT EXISTS tenants (
  id            BIGSERIAL PRIMARY KEY,
  name          TEXT        NOT NULL,
  tier          TEXT        NOT NULL CHECK (tier IN ('free', 'starter', 'professional', 'enterprise')),
  api_key       TEXT        NOT NULL UNIQUE, -- authentication: one lookup per key (cached in memory)
  business_name TEXT,
  currency      TEXT,
  timezone      TEXT,
  logo          BYTEA,
  logo_type     TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS products (
  id          BIGSERIAL PRIMARY KEY,
  tenant_id   BIGINT      NOT NULL REFERENCES tenants (id),
  sku         TEXT        NOT NULL,
  name        TEXT        NOT NULL,
  category    TEXT        NOT NULL,
  price_cents BIGINT      NOT NULL CHECK (price_cents >= 0),
  -- The order transaction relies on this check as a last line of defence against overselling.
  stock       INTEGER     NOT NULL CHECK (stock >= 0),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, sku)
);
-- GET /api/products (a tenant's page, ordered by id)
CREATE INDEX IF NOT EXISTS products_by_tenant ON products (tenant_id, id);
-- GET /api/products/search with category and price filters, sorted by price
CREATE INDEX IF NOT EXISTS products_by_tenant_category_price ON products (tenant_id, category, price_cents);
CREATE INDEX IF NOT EXISTS products_by_tenant_price ON products (tenant_id, price_cents);
-- GET /api/products/search?q=: word search in product names
CREATE INDEX IF NOT EXISTS products_name_search ON products USING GIN (to_tsvector('simple', name));

CREATE TABLE IF NOT EXISTS orders (
  id          BIGSERIAL PRIMARY KEY,
  tenant_id   BIGINT      NOT NULL REFERENCES tenants (id),
  total_cents BIGINT      NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- GET /api/orders (a tenant's orders, newest first)
CREATE INDEX IF NOT EXISTS orders_by_tenant ON orders (tenant_id, id DESC);

CREATE TABLE IF NOT EXISTS order_items (
  order_id         BIGINT  NOT NULL REFERENCES orders (id),
  product_id       BIGINT  NOT NULL REFERENCES products (id),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_cents BIGINT  NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
-- Reports and consistency checks join items to products
CREATE INDEX IF NOT EXISTS order_items_by_product ON order_items (product_id);

-- Idempotency-Key (docs/API.md, "Idempotency"). The order placed with a key is the row that carries it; a
-- Chaos audit counts orders per (tenant_id, idempotency_key) after a run, and this index makes it at most one.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS idempotency_key TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS orders_idempotency_key ON orders (tenant_id, idempotency_key);

-- One row per key and route, claimed in the transaction that does the work: a concurrent retry waits on the
-- uncommitted row. status and response are set before that transaction commits, so a committed row has both.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  tenant_id      BIGINT      NOT NULL REFERENCES tenants (id),
  route          TEXT        NOT NULL,
  key            TEXT        NOT NULL,
  request_sha256 TEXT        NOT NULL,
  status         INTEGER,
  response       TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, route, key)
);
-- The hourly purge of keys older than 24 hours
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_at);

-- Products per tenant, kept by a statement-level trigger in the same transaction as every insert and
-- delete, so GET /api/products reads its exact total with the page instead of running count(*) each time.
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS product_count BIGINT NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION count_inserted_products() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenants t SET product_count = t.product_count + c.n
  FROM (SELECT tenant_id, count(*) AS n FROM inserted GROUP BY tenant_id) c WHERE t.id = c.tenant_id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION count_deleted_products() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenants t SET product_count = t.product_count - c.n
  FROM (SELECT tenant_id, count(*) AS n FROM deleted GROUP BY tenant_id) c WHERE t.id = c.tenant_id;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER products_counted_on_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_products();
CREATE OR REPLACE TRIGGER products_counted_on_delete AFTER DELETE ON products
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION count_deleted_products();
-- Recounted at every start, so a database written before these triggers existed starts out right too.
UPDATE tenants t SET product_count = (SELECT count(*) FROM products p WHERE p.tenant_id = t.id);
