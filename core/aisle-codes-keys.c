/* aisle-codes-keys.c: the key ring of token signers, and the token text encodings
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-codes"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "aisle-codes-private.h"

gboolean
_aisle_codes_ensure_sodium (void)
{
  /* sodium_init() is idempotent and thread-safe: 0 first time, 1 after, -1 on failure */
  return sodium_init () >= 0;
}

/* --- key ring ------------------------------------------------------------------------------ */

typedef struct
{
  guint8    public_key[crypto_sign_PUBLICKEYBYTES];
  char     *label;
  gboolean  revoked;
} KeyEntry;

struct _AisleKeyRing
{
  grefcount   ref_count;
  GHashTable *keys;  /* GUINT_TO_POINTER (key id) → KeyEntry */
};

/* Registered by hand: G_DEFINE_BOXED_TYPE's transparent union trips -Wpedantic with GCC. */
GType
aisle_key_ring_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType id = g_boxed_type_register_static (g_intern_static_string ("AisleKeyRing"),
                                               (GBoxedCopyFunc) aisle_key_ring_ref,
                                               (GBoxedFreeFunc) aisle_key_ring_unref);
      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

static void
key_entry_free (gpointer data)
{
  KeyEntry *entry = data;

  g_free (entry->label);
  g_free (entry);
}

/**
 * aisle_key_ring_new:
 *
 * Creates an empty key ring. Fill it with the hub's public key and every registered device's
 * (the hub publishes them with their revoked flags).
 *
 * Returns: (transfer full): a new key ring
 */
AisleKeyRing *
aisle_key_ring_new (void)
{
  AisleKeyRing *self = g_new0 (AisleKeyRing, 1);

  g_ref_count_init (&self->ref_count);
  self->keys = g_hash_table_new_full (NULL, NULL, NULL, key_entry_free);
  return self;
}

/**
 * aisle_key_ring_ref:
 * @self: an #AisleKeyRing
 *
 * Returns: (transfer full): @self
 */
AisleKeyRing *
aisle_key_ring_ref (AisleKeyRing *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * aisle_key_ring_unref:
 * @self: (transfer full): an #AisleKeyRing
 */
void
aisle_key_ring_unref (AisleKeyRing *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->keys);
  g_free (self);
}

/**
 * aisle_codes_key_id:
 * @public_key: (array fixed-size=32): an Ed25519 public key
 *
 * A short id for @public_key, carried in tokens instead of the 32-byte key. Ids of different keys
 * collide with probability 2^-32 per pair, negligible for the hundreds of devices of a chain.
 *
 * Returns: the first 4 bytes of BLAKE2b-256(@public_key), big-endian
 */
guint32
aisle_codes_key_id (const guint8 *public_key)
{
  guint8 hash[crypto_generichash_BYTES];

  g_return_val_if_fail (public_key != NULL, 0);

  crypto_generichash (hash, sizeof hash, public_key, crypto_sign_PUBLICKEYBYTES, NULL, 0);
  return ((guint32) hash[0] << 24) | ((guint32) hash[1] << 16) | ((guint32) hash[2] << 8) | hash[3];
}

/**
 * aisle_codes_generate_key:
 * @public_key: (out caller-allocates) (array fixed-size=32): the public key, to register
 * @secret_key: (out caller-allocates) (array fixed-size=64): the secret key, never to leave the
 *   device
 *
 * Generates a signing key pair, as a device does at pairing.
 *
 * Returns: %FALSE if libsodium could not be initialised
 */
gboolean
aisle_codes_generate_key (guint8 *public_key,
                          guint8 *secret_key)
{
  g_return_val_if_fail (public_key != NULL, FALSE);
  g_return_val_if_fail (secret_key != NULL, FALSE);

  if (!_aisle_codes_ensure_sodium ())
    return FALSE;
  return crypto_sign_keypair (public_key, secret_key) == 0;
}

/**
 * aisle_key_ring_add:
 * @self: an #AisleKeyRing
 * @public_key: (array fixed-size=32): an Ed25519 public key
 * @label: (nullable): who holds the key: "hub" or a device id, reported as the token's signer
 * @revoked: whether tokens it signed are to be rejected
 *
 * Adds @public_key, or updates its label and revoked flag if it is already there.
 *
 * Returns: the key's id, see aisle_codes_key_id()
 */
guint32
aisle_key_ring_add (AisleKeyRing *self,
                    const guint8 *public_key,
                    const char   *label,
                    gboolean      revoked)
{
  KeyEntry *entry;
  guint32 key_id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (public_key != NULL, 0);

  key_id = aisle_codes_key_id (public_key);
  entry = g_new0 (KeyEntry, 1);
  memcpy (entry->public_key, public_key, sizeof entry->public_key);
  entry->label = g_strdup (label);
  entry->revoked = revoked;
  g_hash_table_replace (self->keys, GUINT_TO_POINTER (key_id), entry);
  return key_id;
}

/**
 * aisle_key_ring_revoke:
 * @self: an #AisleKeyRing
 * @key_id: a key id
 *
 * Marks a key revoked (a lost or retired device). Its tokens then fail with REVOKED_KEY.
 *
 * Returns: %TRUE if the key was in the ring
 */
gboolean
aisle_key_ring_revoke (AisleKeyRing *self,
                       guint32       key_id)
{
  KeyEntry *entry;

  g_return_val_if_fail (self != NULL, FALSE);

  entry = g_hash_table_lookup (self->keys, GUINT_TO_POINTER (key_id));
  if (entry == NULL)
    return FALSE;
  entry->revoked = TRUE;
  return TRUE;
}

/**
 * aisle_key_ring_lookup:
 * @self: an #AisleKeyRing
 * @key_id: a key id
 * @public_key: (out) (optional) (transfer none): the 32-byte public key
 * @label: (out) (optional) (transfer none) (nullable): its label
 * @revoked: (out) (optional): whether it is revoked
 *
 * Returns: %TRUE if @key_id is in the ring
 */
gboolean
aisle_key_ring_lookup (AisleKeyRing  *self,
                       guint32        key_id,
                       const guint8 **public_key,
                       const char   **label,
                       gboolean      *revoked)
{
  KeyEntry *entry;

  g_return_val_if_fail (self != NULL, FALSE);

  entry = g_hash_table_lookup (self->keys, GUINT_TO_POINTER (key_id));
  if (entry == NULL)
    return FALSE;
  if (public_key != NULL)
    *public_key = entry->public_key;
  if (label != NULL)
    *label = entry->label;
  if (revoked != NULL)
    *revoked = entry->revoked;
  return TRUE;
}

/**
 * aisle_key_ring_get_size:
 * @self: an #AisleKeyRing
 *
 * Returns: the number of keys, revoked ones included
 */
guint
aisle_key_ring_get_size (AisleKeyRing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->keys);
}

/* --- text encodings ------------------------------------------------------------------------ */

static const char base45_alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

char *
_aisle_codes_base45_encode (const guint8 *data,
                            gsize         len)
{
  GString *out = g_string_sized_new (len / 2 * 3 + 3);

  for (gsize i = 0; i + 1 < len; i += 2)
    {
      guint n = ((guint) data[i] << 8) | data[i + 1];

      g_string_append_c (out, base45_alphabet[n % 45]);
      g_string_append_c (out, base45_alphabet[(n / 45) % 45]);
      g_string_append_c (out, base45_alphabet[n / 2025]);
    }
  if (len % 2 == 1)
    {
      guint n = data[len - 1];

      g_string_append_c (out, base45_alphabet[n % 45]);
      g_string_append_c (out, base45_alphabet[n / 45]);
    }
  return g_string_free (out, FALSE);
}

static int
base45_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (base45_alphabet, c);
  return p != NULL ? (int) (p - base45_alphabet) : -1;
}

guint8 *
_aisle_codes_base45_decode (const char *text,
                            gsize       len,
                            gsize      *out_len)
{
  g_autofree guint8 *out = NULL;
  gsize o = 0;

  *out_len = 0;
  if (len % 3 == 1)
    return NULL;
  out = g_malloc (len / 3 * 2 + 2);
  for (gsize i = 0; i < len; i += 3)
    {
      gsize group = MIN (3, len - i);
      guint n = 0, weight = 1;

      for (gsize j = 0; j < group; j++)
        {
          int v = base45_value (text[i + j]);

          if (v < 0)
            return NULL;
          n += (guint) v * weight;
          weight *= 45;
        }
      if (group == 3)
        {
          if (n > 0xffff)
            return NULL;
          out[o++] = (guint8) (n >> 8);
          out[o++] = (guint8) (n & 0xff);
        }
      else
        {
          if (n > 0xff)
            return NULL;
          out[o++] = (guint8) n;
        }
    }
  *out_len = o;
  return g_steal_pointer (&out);
}

char *
_aisle_codes_base64url_encode (const guint8 *data,
                               gsize         len)
{
  char *out = g_base64_encode (data, len);
  char *end = out + strlen (out);

  for (char *p = out; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  while (end > out && end[-1] == '=')
    *--end = '\0';
  return out;
}

guint8 *
_aisle_codes_base64url_decode (const char *text,
                               gsize       len,
                               gsize      *out_len)
{
  g_autofree char *copy = NULL;

  *out_len = 0;
  /* g_base64_decode() skips characters outside the alphabet, so check them here */
  if (len % 4 == 1)
    return NULL;
  copy = g_malloc (len + 4);
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      copy[i] = c;
    }
  memset (copy + len, '=', (4 - len % 4) % 4);
  copy[len + (4 - len % 4) % 4] = '\0';
  return g_base64_decode (copy, out_len);
}
