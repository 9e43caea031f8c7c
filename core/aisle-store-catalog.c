/* aisle-store-catalog.c: stores (branches), staff, products with their barcodes, and stock.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "aisle-store-private.h"

/* --- branches ------------------------------------------------------------------------------ */

#define BRANCH_COLUMNS "id, name, address, phone, latitude, longitude"

static AisleBranch *
branch_from_row (sqlite3_stmt *stmt)
{
  AisleBranch *b = aisle_branch_new ();

  b->id = _aisle_column_dup (stmt, 0);
  b->name = _aisle_column_dup (stmt, 1);
  b->address = _aisle_column_dup (stmt, 2);
  b->phone = _aisle_column_dup (stmt, 3);
  b->latitude = sqlite3_column_double (stmt, 4);
  b->longitude = sqlite3_column_double (stmt, 5);
  return b;
}

gboolean
aisle_store_upsert_branch (AisleStore         *self,
                           const AisleBranch  *branch,
                           GError            **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (branch != NULL, FALSE);

  if (!_aisle_require_id (branch->id, "store id", error) ||
      !_aisle_require_id (branch->name, "store name", error))
    return FALSE;
  if (fabs (branch->latitude) > 90 || fabs (branch->longitude) > 180)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "store %s: coordinates out of range", branch->id);
      return FALSE;
    }

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO stores (" BRANCH_COLUMNS ") "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                               "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                               "address = excluded.address, phone = excluded.phone, "
                               "latitude = excluded.latitude, longitude = excluded.longitude",
                               error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, branch->id);
  _aisle_bind_text (stmt, 2, branch->name);
  _aisle_bind_text (stmt, 3, branch->address);
  _aisle_bind_text (stmt, 4, branch->phone);
  sqlite3_bind_double (stmt, 5, branch->latitude);
  sqlite3_bind_double (stmt, 6, branch->longitude);
  return _aisle_store_step_done (self, stmt, "saving a store", error);
}

/**
 * aisle_store_get_branch:
 * @self: an #AisleStore
 * @id: the store's code
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the store, or %NULL (NOT_FOUND if absent)
 */
AisleBranch *
aisle_store_get_branch (AisleStore  *self,
                        const char  *id,
                        GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _aisle_store_prepare (self, "SELECT " BRANCH_COLUMNS " FROM stores WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return branch_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND, "no store %s", id);
  else
    _aisle_store_set_error (self, rc, "reading a store", error);
  return NULL;
}

/**
 * aisle_store_list_branches:
 * @self: an #AisleStore
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleBranch): every cached store, by id
 */
GPtrArray *
aisle_store_list_branches (AisleStore  *self,
                           GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);

  stmt = _aisle_store_prepare (self, "SELECT " BRANCH_COLUMNS " FROM stores ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_branch_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, branch_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing stores", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * aisle_distance_km:
 *
 * Returns: the great-circle (haversine) distance between two WGS84 points, in km
 */
double
aisle_distance_km (double lat1,
                   double lon1,
                   double lat2,
                   double lon2)
{
  const double r = 6371.0088;   /* mean Earth radius */
  double dlat = (lat2 - lat1) * G_PI / 180;
  double dlon = (lon2 - lon1) * G_PI / 180;
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (lat1 * G_PI / 180) * cos (lat2 * G_PI / 180) * sin (dlon / 2) * sin (dlon / 2);

  return 2 * r * atan2 (sqrt (a), sqrt (1 - a));
}

typedef struct
{
  double lat, lon;
} Origin;

static int
compare_distance (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const AisleBranch *x = *(AisleBranch * const *) a;
  const AisleBranch *y = *(AisleBranch * const *) b;
  const Origin *o = user_data;
  double dx = aisle_distance_km (o->lat, o->lon, x->latitude, x->longitude);
  double dy = aisle_distance_km (o->lat, o->lon, y->latitude, y->longitude);

  return dx < dy ? -1 : dx > dy ? 1 : g_strcmp0 (x->id, y->id);
}

/**
 * aisle_store_list_branches_near:
 * @self: an #AisleStore
 * @latitude: where the customer is (or the device's store)
 * @longitude: idem
 * @error: return location for a #GError
 *
 * A device caches a handful of nearby stores, so sorting them in C is cheaper than any index.
 *
 * Returns: (transfer container) (element-type AisleBranch): the stores, nearest first
 */
GPtrArray *
aisle_store_list_branches_near (AisleStore  *self,
                                double       latitude,
                                double       longitude,
                                GError     **error)
{
  GPtrArray *list;
  Origin origin = { latitude, longitude };

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);

  list = aisle_store_list_branches (self, error);
  if (list != NULL)
    g_ptr_array_sort_with_data (list, compare_distance, &origin);
  return list;
}

/* --- staff --------------------------------------------------------------------------------- */

#define STAFF_COLUMNS "id, store_id, name, role, pin_hash, active"

static AisleStaff *
staff_from_row (sqlite3_stmt *stmt)
{
  AisleStaff *s = aisle_staff_new ();

  s->id = _aisle_column_dup (stmt, 0);
  s->branch_id = _aisle_column_dup (stmt, 1);
  s->name = _aisle_column_dup (stmt, 2);
  if (!aisle_staff_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &s->role))
    s->role = AISLE_STAFF_ROLE_ASSOCIATE;
  s->pin_hash = _aisle_column_dup (stmt, 4);
  s->active = sqlite3_column_int (stmt, 5) != 0;
  return s;
}

gboolean
aisle_store_upsert_staff (AisleStore        *self,
                          const AisleStaff  *staff,
                          GError           **error)
{
  g_auto(AisleStmt) stmt = NULL;
  const char *role;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (staff != NULL, FALSE);

  role = aisle_staff_role_to_string (staff->role);
  if (!_aisle_require_id (staff->id, "staff id", error) ||
      !_aisle_require_id (staff->branch_id, "staff store id", error) ||
      !_aisle_require_id (staff->name, "staff name", error) ||
      !_aisle_require_id (role, "staff role", error))
    return FALSE;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO staff (" STAFF_COLUMNS ") "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                               "ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id, "
                               "name = excluded.name, role = excluded.role, "
                               "pin_hash = excluded.pin_hash, active = excluded.active", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, staff->id);
  _aisle_bind_text (stmt, 2, staff->branch_id);
  _aisle_bind_text (stmt, 3, staff->name);
  _aisle_bind_text (stmt, 4, role);
  _aisle_bind_text (stmt, 5, staff->pin_hash);
  sqlite3_bind_int (stmt, 6, staff->active ? 1 : 0);
  return _aisle_store_step_done (self, stmt, "saving staff", error);
}

/**
 * aisle_store_get_staff:
 * @self: an #AisleStore
 * @id: the staff number (what the badge carries)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the staff member, or %NULL (NOT_FOUND if absent)
 */
AisleStaff *
aisle_store_get_staff (AisleStore  *self,
                       const char  *id,
                       GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _aisle_store_prepare (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return staff_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND, "no staff member %s", id);
  else
    _aisle_store_set_error (self, rc, "reading staff", error);
  return NULL;
}

/**
 * aisle_store_list_staff:
 * @self: an #AisleStore
 * @branch_id: (nullable): a store, or %NULL for all cached staff
 * @active_only: skip staff who have left
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleStaff): the staff, by name
 */
GPtrArray *
aisle_store_list_staff (AisleStore  *self,
                        const char  *branch_id,
                        gboolean     active_only,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT " STAFF_COLUMNS " FROM staff "
                               "WHERE (?1 IS NULL OR store_id = ?1) AND (?2 = 0 OR active = 1) "
                               "ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, branch_id);
  sqlite3_bind_int (stmt, 2, active_only ? 1 : 0);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_staff_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, staff_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing staff", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * aisle_store_search_staff:
 * @self: an #AisleStore
 * @branch_id: (nullable): limit to one store
 * @query: a staff number, a surname (王, 歐陽), a given name (小明) or a full name
 * @limit: the most results to return
 * @error: return location for a #GError
 *
 * A device holds tens of staff, so this matches the name tokens in C rather than keeping an
 * index; it splits names exactly as member search does.
 *
 * Returns: (transfer container) (element-type AisleStaff): the active matches, by name
 */
GPtrArray *
aisle_store_search_staff (AisleStore  *self,
                          const char  *branch_id,
                          const char  *query,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  all = aisle_store_list_staff (self, branch_id, TRUE, error);
  if (all == NULL)
    return NULL;
  matches = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_staff_free);
  stripped = g_strstrip (g_strdup (query));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return g_steal_pointer (&matches);
  key = _aisle_name_query_key (stripped);

  for (guint i = 0; i < all->len && matches->len < limit; i++)
    {
      AisleStaff *staff = g_ptr_array_index (all, i);
      g_autoptr(GPtrArray) tokens = aisle_name_tokens (staff->name);
      gboolean hit = g_ascii_strcasecmp (staff->id, stripped) == 0;

      for (guint t = 0; !hit && key != NULL && t < tokens->len; t++)
        hit = g_strcmp0 (g_ptr_array_index (tokens, t), key) == 0;
      if (hit)
        g_ptr_array_add (matches, aisle_staff_copy (staff));
    }
  return g_steal_pointer (&matches);
}

/* --- products ------------------------------------------------------------------------------ */

static gboolean
upsert_product_inner (AisleStore          *self,
                      const AisleProduct  *product,
                      GError             **error)
{
  g_auto(AisleStmt) stmt = NULL;
  gint64 rid;
  int rc;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO products (id, name, brand, category, price, popularity) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                               "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                               "brand = excluded.brand, category = excluded.category, "
                               "price = excluded.price, popularity = excluded.popularity "
                               "RETURNING rid", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, product->id);
  _aisle_bind_text (stmt, 2, product->name);
  _aisle_bind_text (stmt, 3, product->brand);
  _aisle_bind_text (stmt, 4, product->category);
  sqlite3_bind_int64 (stmt, 5, product->price);
  sqlite3_bind_int64 (stmt, 6, product->popularity);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _aisle_store_set_error (self, rc, "saving a product", error);
      return FALSE;
    }
  rid = sqlite3_column_int64 (stmt, 0);
  if (!_aisle_store_step_done (self, stmt, "saving a product", error))
    return FALSE;

  {
    g_auto(AisleStmt) del = _aisle_store_prepare (self,
                                                  "DELETE FROM product_barcodes "
                                                  "WHERE product_id = ?1", error);
    if (del == NULL)
      return FALSE;
    _aisle_bind_text (del, 1, product->id);
    if (!_aisle_store_step_done (self, del, "saving barcodes", error))
      return FALSE;
  }
  for (guint i = 0; product->barcodes != NULL && product->barcodes[i] != NULL; i++)
    {
      g_autofree char *key = _aisle_barcode_key (product->barcodes[i]);
      g_auto(AisleStmt) ins = NULL;
      gboolean repeated = FALSE;

      /* A label may list one code in two forms (UPC-A and its EAN-13): one key. */
      for (guint j = 0; j < i && !repeated; j++)
        {
          g_autofree char *earlier = _aisle_barcode_key (product->barcodes[j]);
          repeated = g_strcmp0 (earlier, key) == 0;
        }
      if (key == NULL || repeated)
        continue;
      ins = _aisle_store_prepare (self,
                                  "INSERT INTO product_barcodes (barcode, product_id) "
                                  "VALUES (?1, ?2)", error);
      if (ins == NULL)
        return FALSE;
      _aisle_bind_text (ins, 1, key);
      _aisle_bind_text (ins, 2, product->id);
      if (!_aisle_store_step_done (self, ins, "saving a barcode", error))
        return FALSE;
    }

  return _aisle_store_index_product (self, rid, product->name, product->brand,
                                     product->category, product->popularity, error);
}

/**
 * aisle_store_upsert_product:
 * @self: an #AisleStore
 * @product: the product; its barcodes replace the stored ones
 * @error: return location for a #GError
 *
 * A barcode already used by another product fails with %AISLE_STORE_ERROR_CONSTRAINT.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_upsert_product (AisleStore          *self,
                            const AisleProduct  *product,
                            GError             **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (product != NULL, FALSE);

  if (!_aisle_require_id (product->id, "product id", error) ||
      !_aisle_require_id (product->name, "product name", error))
    return FALSE;

  if (!aisle_store_begin (self, error))
    return FALSE;
  if (!upsert_product_inner (self, product, error) || !aisle_store_commit (self, error))
    {
      aisle_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static GStrv
product_barcodes (AisleStore  *self,
                  const char  *product_id,
                  GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  stmt = _aisle_store_prepare (self,
                               "SELECT barcode FROM product_barcodes WHERE product_id = ?1 "
                               "ORDER BY barcode", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "reading barcodes", error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static AisleProduct *
get_product_where (AisleStore  *self,
                   const char  *sql,
                   const char  *key,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(AisleProduct) product = NULL;
  int rc;

  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (self, sql, error);

    if (stmt == NULL)
      return NULL;
    _aisle_bind_text (stmt, 1, key);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        if (rc == SQLITE_DONE)
          g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND, "no product with %s %s",
                       what, key);
        else
          _aisle_store_set_error (self, rc, "reading a product", error);
        return NULL;
      }
    product = aisle_product_new ();
    product->id = _aisle_column_dup (stmt, 0);
    product->name = _aisle_column_dup (stmt, 1);
    product->brand = _aisle_column_dup (stmt, 2);
    product->category = _aisle_column_dup (stmt, 3);
    product->price = sqlite3_column_int64 (stmt, 4);
    product->popularity = sqlite3_column_int64 (stmt, 5);
  }
  product->barcodes = product_barcodes (self, product->id, error);
  if (product->barcodes == NULL)
    return NULL;
  return g_steal_pointer (&product);
}

/**
 * aisle_store_get_product:
 * @self: an #AisleStore
 * @id: the SKU
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the product with its barcodes, or %NULL (NOT_FOUND if absent)
 */
AisleProduct *
aisle_store_get_product (AisleStore  *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_product_where (self,
                            "SELECT id, name, brand, category, price, popularity FROM products "
                            "WHERE id = ?1", id, "id", error);
}

/* The stored form of a barcode: its GTIN-13 when it is a valid EAN-13, EAN-8, UPC-A or UPC-E
 * (aisle_barcode_to_gtin13(), the key aisle-codes reports), else the text without surrounding
 * spaces (an in-store code). NULL for an empty one. */
char *
_aisle_barcode_key (const char *barcode)
{
  char *key = aisle_barcode_to_gtin13 (barcode);

  if (key == NULL && barcode != NULL)
    key = g_strstrip (g_strdup (barcode));
  if (key != NULL && *key == '\0')
    g_clear_pointer (&key, g_free);
  return key;
}

/* Migration 3: rewrites barcodes stored before they were normalised. A key that another row
 * already holds (both forms of one code were stored) keeps that row and drops this one. */
gboolean
_aisle_store_migrate_barcodes (AisleStore  *self,
                               GError     **error)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) new = g_ptr_array_new_with_free_func (g_free);
  int rc;

  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (self, "SELECT barcode FROM product_barcodes",
                                                   error);
    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *barcode = (const char *) sqlite3_column_text (stmt, 0);
        g_autofree char *key = _aisle_barcode_key (barcode);

        if (key != NULL && g_strcmp0 (key, barcode) != 0)
          {
            g_ptr_array_add (old, g_strdup (barcode));
            g_ptr_array_add (new, g_steal_pointer (&key));
          }
      }
    if (rc != SQLITE_DONE)
      {
        _aisle_store_set_error (self, rc, "reading barcodes", error);
        return FALSE;
      }
  }
  for (guint i = 0; i < old->len; i++)
    {
      g_auto(AisleStmt) upd = _aisle_store_prepare (self,
                                                    "UPDATE OR IGNORE product_barcodes "
                                                    "SET barcode = ?2 WHERE barcode = ?1", error);
      if (upd == NULL)
        return FALSE;
      _aisle_bind_text (upd, 1, old->pdata[i]);
      _aisle_bind_text (upd, 2, new->pdata[i]);
      if (!_aisle_store_step_done (self, upd, "normalising a barcode", error))
        return FALSE;
      if (sqlite3_changes (self->db) == 0)
        {
          g_auto(AisleStmt) del = _aisle_store_prepare (self,
                                                        "DELETE FROM product_barcodes "
                                                        "WHERE barcode = ?1", error);
          if (del == NULL)
            return FALSE;
          g_message ("barcode %s duplicates %s: dropped", (const char *) old->pdata[i],
                     (const char *) new->pdata[i]);
          _aisle_bind_text (del, 1, old->pdata[i]);
          if (!_aisle_store_step_done (self, del, "normalising a barcode", error))
            return FALSE;
        }
    }
  return TRUE;
}

#define PRODUCT_BY_BARCODE_SQL \
  "SELECT p.id, p.name, p.brand, p.category, p.price, p.popularity " \
  "FROM product_barcodes AS b JOIN products AS p ON p.id = b.product_id " \
  "WHERE b.barcode = ?1"

/**
 * aisle_store_get_product_by_barcode:
 * @self: an #AisleStore
 * @barcode: an EAN-13, EAN-8, UPC-A or UPC-E as scanned or typed, or an in-store code
 * @error: return location for a #GError
 *
 * Barcodes are stored by their GTIN-13 (aisle_barcode_to_gtin13()), so every printed form of
 * a code finds its product: a UPC-A, its EAN-13 form with a leading 0, its UPC-E. Eight digits
 * that are valid both as EAN-8 and as UPC-E are tried as EAN-8 first, then as UPC-E.
 *
 * Returns: (transfer full): the product, or %NULL (NOT_FOUND if no product has @barcode)
 */
AisleProduct *
aisle_store_get_product_by_barcode (AisleStore  *self,
                                    const char  *barcode,
                                    GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *upce = NULL;
  g_autoptr(GError) local_error = NULL;
  AisleProduct *product;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (barcode != NULL, NULL);

  key = _aisle_barcode_key (barcode);
  if (key == NULL)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND,
                   "no product with an empty barcode");
      return NULL;
    }
  product = get_product_where (self, PRODUCT_BY_BARCODE_SQL, key, "barcode", &local_error);
  if (product != NULL)
    return product;
  if (!g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (barcode));
  upce = aisle_upce_to_gtin13 (stripped);
  if (upce != NULL && strcmp (upce, key) != 0)
    return get_product_where (self, PRODUCT_BY_BARCODE_SQL, upce, "barcode", error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* --- stock --------------------------------------------------------------------------------- */

/**
 * aisle_store_set_stock:
 * @self: an #AisleStore
 * @stock: the level of one product at one location (a store id or %AISLE_LOCATION_ONLINE)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_set_stock (AisleStore        *self,
                       const AisleStock  *stock,
                       GError           **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (stock != NULL, FALSE);

  if (!_aisle_require_id (stock->product_id, "stock product id", error) ||
      !_aisle_require_id (stock->location_id, "stock location id", error))
    return FALSE;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO stock (product_id, location_id, on_hand, reserved, "
                               "updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                               "ON CONFLICT (product_id, location_id) DO UPDATE SET "
                               "on_hand = excluded.on_hand, reserved = excluded.reserved, "
                               "updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, stock->product_id);
  _aisle_bind_text (stmt, 2, stock->location_id);
  sqlite3_bind_int64 (stmt, 3, stock->on_hand);
  sqlite3_bind_int64 (stmt, 4, stock->reserved);
  sqlite3_bind_int64 (stmt, 5, stock->updated_at);
  return _aisle_store_step_done (self, stmt, "saving stock", error);
}

/**
 * aisle_store_list_stock:
 * @self: an #AisleStore
 * @product_id: the SKU
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleStock): the product's stock at every
 *   cached location, by location id
 */
GPtrArray *
aisle_store_list_stock (AisleStore  *self,
                        const char  *product_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT product_id, location_id, on_hand, reserved, updated_at "
                               "FROM stock WHERE product_id = ?1 ORDER BY location_id", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, product_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_stock_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AisleStock *s = aisle_stock_new ();

      s->product_id = _aisle_column_dup (stmt, 0);
      s->location_id = _aisle_column_dup (stmt, 1);
      s->on_hand = sqlite3_column_int64 (stmt, 2);
      s->reserved = sqlite3_column_int64 (stmt, 3);
      s->updated_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (list, s);
    }
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing stock", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
