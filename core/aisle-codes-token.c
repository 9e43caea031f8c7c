/* aisle-codes-token.c: signed tokens (member cards, binding and enrolment links) and the key ring
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A token is a compact binary record signed with Ed25519 (libsodium crypto_sign_detached):
 *
 *   offset  size  field
 *   0       1     version (high nibble, 1) | type (low nibble, AisleTokenType)
 *   1       4     key id, big-endian: the first 4 bytes of BLAKE2b-256 of the signer's public key
 *   5       4     issued at, Unix seconds, big-endian
 *   9       4     expires at, Unix seconds, big-endian
 *   13      n     payload: member card: the member UUID's 16 bytes;
 *                 binding/enrolment: staff id then branch id (enrolment: branch then staff),
 *                 each a length byte (0-32) and that many bytes of UTF-8
 *   13+n    64    signature over "aisle-token\0" followed by bytes 0 .. 13+n
 *
 * The context string keeps a token signature from ever verifying as a signature over some other
 * message the same key signs. Any device key in the ring verifies, so a card a kiosk issued while
 * offline is accepted offline everywhere; revoking a lost device's key rejects its cards.
 *
 * Member cards travel as `AM1:` + Base45 (RFC 9285) because QR alphanumeric mode packs Base45
 * at 5.5 bits a character against 8 for Base64 in byte mode: a smaller QR for the same token.
 * Links travel as Base64url inside a URL path, where Base45's space and '%' would need escaping.
 */

#define G_LOG_DOMAIN "aisle-codes"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "aisle-codes-private.h"

#define TOKEN_VERSION       1
#define TOKEN_HEADER_LEN    13
#define TOKEN_SIG_LEN       crypto_sign_BYTES
#define TOKEN_MAX_ID_LEN    32
#define MEMBER_CARD_PREFIX  "AM1:"
#define DEFAULT_CLOCK_SKEW  300

static const char sign_context[] = "aisle-token"; /* the NUL is signed too */

G_STATIC_ASSERT (AISLE_CODES_PUBLIC_KEY_BYTES == crypto_sign_PUBLICKEYBYTES);
G_STATIC_ASSERT (AISLE_CODES_SECRET_KEY_BYTES == crypto_sign_SECRETKEYBYTES);


/* --- binary layout ------------------------------------------------------------------------- */

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
uuid_to_bytes (const char *uuid,
               guint8      out[16])
{
  gsize o = 0;

  if (uuid == NULL || strlen (uuid) != 36)
    return FALSE;
  for (gsize i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (uuid[i] != '-')
            return FALSE;
          continue;
        }
      if (!g_ascii_isxdigit (uuid[i]) || !g_ascii_isxdigit (uuid[i + 1]))
        return FALSE;
      out[o++] = (guint8) (g_ascii_xdigit_value (uuid[i]) << 4 | g_ascii_xdigit_value (uuid[i + 1]));
      i++;
    }
  return o == 16;
}

static char *
uuid_from_bytes (const guint8 *b)
{
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                          b[12], b[13], b[14], b[15]);
}

static gboolean
put_id (GByteArray *out,
        const char *id,
        gboolean    optional)
{
  gsize len = id != NULL ? strlen (id) : 0;
  guint8 n = (guint8) len;

  if ((len == 0 && !optional) || len > TOKEN_MAX_ID_LEN || (id != NULL && !g_utf8_validate (id, -1, NULL)))
    return FALSE;
  g_byte_array_append (out, &n, 1);
  if (len > 0)
    g_byte_array_append (out, (const guint8 *) id, (guint) len);
  return TRUE;
}

/* Reads a length-prefixed id; %NULL (and *ok FALSE) if it overruns or is not UTF-8 */
static char *
get_id (const guint8 *p,
        gsize         end,
        gsize        *pos,
        gboolean     *ok)
{
  gsize n;

  if (*pos >= end)
    {
      *ok = FALSE;
      return NULL;
    }
  n = p[*pos];
  if (n > TOKEN_MAX_ID_LEN || *pos + 1 + n > end ||
      !g_utf8_validate ((const char *) p + *pos + 1, (gssize) n, NULL) ||
      memchr (p + *pos + 1, 0, n) != NULL)
    {
      *ok = FALSE;
      return NULL;
    }
  *pos += 1 + n;
  return n > 0 ? g_strndup ((const char *) p + *pos - n, n) : NULL;
}

static void
sign_message (const guint8 *body,
              gsize         len,
              guint8       *message)
{
  memcpy (message, sign_context, sizeof sign_context);
  memcpy (message + sizeof sign_context, body, len);
}

static GByteArray *
token_sign (AisleTokenType  type,
            const char     *member_id,
            const char     *first_id,
            const char     *second_id,
            gint64          issued_at,
            gint64          expires_at,
            const guint8   *secret_key,
            GError        **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *message = NULL;
  guint8 header = (TOKEN_VERSION << 4) | type;
  guint8 sig[TOKEN_SIG_LEN];

  if (!_aisle_codes_ensure_sodium ())
    {
      g_set_error_literal (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT,
                           "libsodium could not be initialised");
      return NULL;
    }
  if (issued_at < 0 || issued_at > G_MAXUINT32 || expires_at <= issued_at || expires_at > G_MAXUINT32)
    {
      g_set_error_literal (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT,
                           "times must satisfy 0 <= issued < expires < 2^32");
      return NULL;
    }

  g_byte_array_append (out, &header, 1);
  /* libsodium's secret key is seed || public key */
  put_u32 (out, aisle_codes_key_id (secret_key + crypto_sign_SEEDBYTES));
  put_u32 (out, (guint32) issued_at);
  put_u32 (out, (guint32) expires_at);
  if (type == AISLE_TOKEN_MEMBER_CARD)
    {
      guint8 uuid[16];

      if (!uuid_to_bytes (member_id, uuid))
        {
          g_set_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT,
                       "member id %s is not a UUID", member_id);
          return NULL;
        }
      g_byte_array_append (out, uuid, 16);
    }
  else if (!put_id (out, first_id, FALSE) || !put_id (out, second_id, type == AISLE_TOKEN_ENROL))
    {
      g_set_error_literal (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT,
                           "staff and branch ids are 1-32 bytes of UTF-8");
      return NULL;
    }

  message = g_malloc (sizeof sign_context + out->len);
  sign_message (out->data, out->len, message);
  crypto_sign_detached (sig, NULL, message, sizeof sign_context + out->len, secret_key);
  g_byte_array_append (out, sig, sizeof sig);
  return g_steal_pointer (&out);
}

/* Decodes and verifies @bytes into @code (whose kind the caller chose). */
static void
token_verify (AisleCode               *code,
              const guint8            *bytes,
              gsize                    len,
              AisleTokenType           expected_type,
              const AisleCodesContext *ctx)
{
  AisleToken *token;
  gsize body_len, pos = TOKEN_HEADER_LEN;
  gboolean ok = TRUE;
  const guint8 *public_key = NULL;
  const char *label = NULL;
  gboolean revoked = FALSE;
  g_autofree guint8 *message = NULL;
  g_autofree char *key_hex = NULL;
  gint64 now, skew;

  if (len < 1)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_TRUNCATED, "token", "the token is empty");
      return;
    }
  if ((bytes[0] >> 4) != TOKEN_VERSION || (bytes[0] & 0xf) != expected_type)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_UNSUPPORTED_VERSION, "token",
                             "version %u type %u, expected version %u type %u", bytes[0] >> 4,
                             bytes[0] & 0xf, TOKEN_VERSION, expected_type);
      return;
    }
  if (len < TOKEN_HEADER_LEN + TOKEN_SIG_LEN)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_TRUNCATED, "token",
                             "%" G_GSIZE_FORMAT " bytes, shorter than any token", len);
      return;
    }
  body_len = len - TOKEN_SIG_LEN;

  token = g_new0 (AisleToken, 1);
  code->token = token;
  token->type = expected_type;
  token->key_id = get_u32 (bytes + 1);
  token->issued_at = get_u32 (bytes + 5);
  token->expires_at = get_u32 (bytes + 9);
  if (expected_type == AISLE_TOKEN_MEMBER_CARD)
    {
      if (body_len < TOKEN_HEADER_LEN + 16)
        ok = FALSE;
      else
        {
          token->member_id = uuid_from_bytes (bytes + TOKEN_HEADER_LEN);
          pos += 16;
        }
    }
  else if (expected_type == AISLE_TOKEN_BINDING)
    {
      token->staff_id = get_id (bytes, body_len, &pos, &ok);
      token->branch_id = ok ? get_id (bytes, body_len, &pos, &ok) : NULL;
      ok = ok && token->staff_id != NULL && token->branch_id != NULL;
    }
  else
    {
      token->branch_id = get_id (bytes, body_len, &pos, &ok);
      token->staff_id = ok ? get_id (bytes, body_len, &pos, &ok) : NULL;
      ok = ok && token->branch_id != NULL;
    }
  if (!ok)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_TRUNCATED, "token",
                             "the payload is shorter than its layout");
      return;
    }
  if (pos != body_len)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "token",
                             "%" G_GSIZE_FORMAT " unexpected bytes after the payload",
                             body_len - pos);
      return;
    }

  key_hex = g_strdup_printf ("%08x", token->key_id);
  if (token->member_id != NULL)
    _aisle_code_add_field (code, "member_id", token->member_id);
  if (token->staff_id != NULL)
    _aisle_code_add_field (code, "staff_id", token->staff_id);
  if (token->branch_id != NULL)
    _aisle_code_add_field (code, "branch_id", token->branch_id);
  _aisle_code_add_number (code, "issued_at", token->issued_at);
  _aisle_code_add_number (code, "expires_at", token->expires_at);
  _aisle_code_add_field (code, "key_id", key_hex);

  /* Only a verified signature makes the times and ids trustworthy, so report one reason */
  if (ctx == NULL || ctx->key_ring == NULL ||
      !aisle_key_ring_lookup (ctx->key_ring, token->key_id, &public_key, &label, &revoked))
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_UNKNOWN_KEY, "key_id",
                             "key %s is not in the key ring", key_hex);
      return;
    }
  token->signer = g_strdup (label);
  if (label != NULL)
    _aisle_code_add_field (code, "signer", label);
  if (revoked)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_REVOKED_KEY, "key_id",
                             "key %s (%s) is revoked", key_hex, label ? label : "unlabelled");
      return;
    }
  if (!_aisle_codes_ensure_sodium ())
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_BAD_SIGNATURE, "signature",
                             "libsodium could not be initialised");
      return;
    }
  message = g_malloc (sizeof sign_context + body_len);
  sign_message (bytes, body_len, message);
  if (crypto_sign_verify_detached (bytes + body_len, message, sizeof sign_context + body_len,
                                   public_key) != 0)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_BAD_SIGNATURE, "signature",
                             "the signature does not match: the token was altered");
      return;
    }

  now = _aisle_codes_context_now (ctx);
  skew = (ctx != NULL && ctx->clock_skew > 0) ? ctx->clock_skew : DEFAULT_CLOCK_SKEW;
  if (token->expires_at <= now)
    _aisle_code_add_error (code, AISLE_CODES_ERROR_EXPIRED, "expires_at",
                           "expired %" G_GINT64_FORMAT " s ago", now - token->expires_at);
  else if (token->issued_at > now + skew)
    _aisle_code_add_error (code, AISLE_CODES_ERROR_NOT_YET_VALID, "issued_at",
                           "issued %" G_GINT64_FORMAT " s in the future", token->issued_at - now);
}

/* --- parsing ------------------------------------------------------------------------------- */

static AisleCode *
parse_member_card (const guint8            *data,
                   gsize                    len,
                   const AisleCodesContext *ctx)
{
  AisleCode *code = _aisle_code_new (AISLE_CODE_KIND_MEMBER_CARD);
  g_autofree char *body = g_strndup ((const char *) data + 4, len - 4);
  g_autofree guint8 *bytes = NULL;
  gboolean lower = FALSE;
  gsize n = 0;

  /* A caps-locked keyboard wedge sends lower case; Base45 has none, so upcasing is lossless */
  for (const guint8 *p = data; p < data + len; p++)
    if (g_ascii_islower (*p))
      lower = TRUE;
  if (lower)
    {
      char *upper = g_ascii_strup (body, -1);

      g_free (body);
      body = upper;
      _aisle_code_add_warning (code, AISLE_CODES_WARNING_LOWER_CASE, "token",
                               "the token arrived in lower case");
    }
  if (memchr (data, 0, len) != NULL || (bytes = _aisle_codes_base45_decode (body, len - 4, &n)) == NULL)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "token", "the token is not Base45");
      return code;
    }
  token_verify (code, bytes, n, AISLE_TOKEN_MEMBER_CARD, ctx);
  return code;
}

/* Recognises aisle://j/TOKEN, aisle://e/TOKEN and http(s)://HOST[:PORT][/PREFIX]/j|e/TOKEN */
static AisleCode *
parse_link (const char              *url,
            const AisleCodesContext *ctx)
{
  g_autofree char *host = NULL;
  const char *path;
  const char *slash;
  const char *token_text;
  char letter;
  gsize token_len;
  AisleCode *code;
  g_autofree guint8 *bytes = NULL;
  gsize n = 0;

  if (g_ascii_strncasecmp (url, "aisle://", 8) == 0)
    path = url + 7;
  else
    {
      const char *start;

      if (g_ascii_strncasecmp (url, "https://", 8) == 0)
        start = url + 8;
      else if (g_ascii_strncasecmp (url, "http://", 7) == 0)
        start = url + 7;
      else
        return NULL;
      path = strchr (start, '/');
      if (path == NULL)
        return NULL;
      host = g_strndup (start, (gsize) (path - start));
      if (strchr (host, ':') != NULL)
        *strchr (host, ':') = '\0';
    }

  /* The last two segments: the letter and the token; a query or fragment is ignored */
  token_len = strcspn (path, "?#");
  slash = NULL;
  for (const char *p = path + token_len; p > path; p--)
    if (p[-1] == '/')
      {
        slash = p - 1;
        break;
      }
  if (slash == NULL || slash - path < 2 || slash[-2] != '/')
    return NULL;
  letter = slash[-1];
  if (letter != 'j' && letter != 'e')
    return NULL;
  token_text = slash + 1;
  token_len = (gsize) (path + token_len - token_text);

  code = _aisle_code_new (letter == 'j' ? AISLE_CODE_KIND_BINDING_LINK : AISLE_CODE_KIND_ENROL_LINK);
  if (host != NULL)
    {
      _aisle_code_add_field (code, "host", host);
      if (ctx != NULL && ctx->hub_host != NULL && g_ascii_strcasecmp (host, ctx->hub_host) != 0)
        _aisle_code_add_warning (code, AISLE_CODES_WARNING_FOREIGN_HOST, "host",
                                 "the link names %s, not the hub %s", host, ctx->hub_host);
    }
  bytes = _aisle_codes_base64url_decode (token_text, token_len, &n);
  if (bytes == NULL)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "token", "the token is not Base64url");
      return code;
    }
  token_verify (code, bytes, n, letter == 'j' ? AISLE_TOKEN_BINDING : AISLE_TOKEN_ENROL, ctx);
  return code;
}

AisleCode *
_aisle_codes_parse_token (const guint8            *data,
                          gsize                    len,
                          const AisleCodesContext *ctx)
{
  g_autofree char *url = NULL;

  if (len >= 4 && g_ascii_strncasecmp ((const char *) data, MEMBER_CARD_PREFIX, 4) == 0)
    return parse_member_card (data, len, ctx);

  /* Links are ASCII; anything else is not ours */
  if (len < 8 || memchr (data, 0, len) != NULL)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (data[i] <= 0x20 || data[i] >= 0x7f)
      return NULL;
  url = g_strndup ((const char *) data, len);
  return parse_link (url, ctx);
}

/* --- issuing ------------------------------------------------------------------------------- */

/**
 * aisle_codes_sign_member_card:
 * @member_id: the member's UUID
 * @issued_at: Unix seconds
 * @expires_at: Unix seconds, after @issued_at
 * @secret_key: (array fixed-size=64): the signer's Ed25519 secret key (the hub's or this
 *   device's); its public key must be in every verifier's key ring
 * @error: return location for an %AISLE_CODES_ERROR_INVALID_ARGUMENT error
 *
 * Issues the text of a member card QR code: `AM1:` and the Base45 token, 144 characters, all
 * in the QR alphanumeric set.
 *
 * Returns: (transfer full) (nullable): the card text, %NULL on error
 */
char *
aisle_codes_sign_member_card (const char    *member_id,
                              gint64         issued_at,
                              gint64         expires_at,
                              const guint8  *secret_key,
                              GError       **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (member_id != NULL, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = token_sign (AISLE_TOKEN_MEMBER_CARD, member_id, NULL, NULL, issued_at, expires_at,
                      secret_key, error);
  if (bytes == NULL)
    return NULL;
  text = _aisle_codes_base45_encode (bytes->data, bytes->len);
  return g_strconcat (MEMBER_CARD_PREFIX, text, NULL);
}

static char *
sign_link (AisleTokenType   type,
           const char      *letter,
           const char      *base_url,
           const char      *first_id,
           const char      *second_id,
           gint64           issued_at,
           gint64           expires_at,
           const guint8    *secret_key,
           GError         **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;

  bytes = token_sign (type, NULL, first_id, second_id, issued_at, expires_at, secret_key, error);
  if (bytes == NULL)
    return NULL;
  text = _aisle_codes_base64url_encode (bytes->data, bytes->len);
  if (base_url == NULL)
    return g_strconcat ("aisle://", letter, "/", text, NULL);
  base = g_strdup (base_url);
  while (*base != '\0' && base[strlen (base) - 1] == '/')
    base[strlen (base) - 1] = '\0';
  return g_strconcat (base, "/", letter, "/", text, NULL);
}

/**
 * aisle_codes_sign_binding_link:
 * @base_url: (nullable): the hub's base URL, e.g. "https://hub.example.com"; %NULL for an
 *   `aisle://j/...` link that only Aisle devices open
 * @staff_id: the associate the customer binds to (1-32 bytes)
 * @branch_id: the associate's store (1-32 bytes)
 * @issued_at: Unix seconds
 * @expires_at: Unix seconds, after @issued_at
 * @secret_key: (array fixed-size=64): the signer's Ed25519 secret key
 * @error: return location for an %AISLE_CODES_ERROR_INVALID_ARGUMENT error
 *
 * Issues an associate's binding link (專員綁定), shown as a QR code on the associate's tablet:
 * `<base_url>/j/<token>`.
 *
 * Returns: (transfer full) (nullable): the URL, %NULL on error
 */
char *
aisle_codes_sign_binding_link (const char    *base_url,
                               const char    *staff_id,
                               const char    *branch_id,
                               gint64         issued_at,
                               gint64         expires_at,
                               const guint8  *secret_key,
                               GError       **error)
{
  g_return_val_if_fail (staff_id != NULL, NULL);
  g_return_val_if_fail (branch_id != NULL, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sign_link (AISLE_TOKEN_BINDING, "j", base_url, staff_id, branch_id, issued_at, expires_at,
                    secret_key, error);
}

/**
 * aisle_codes_sign_enrol_link:
 * @base_url: (nullable): the hub's base URL; %NULL for an `aisle://e/...` link
 * @branch_id: the store enrolling (1-32 bytes)
 * @staff_id: (nullable): the referring associate, credited with the enrolment
 * @issued_at: Unix seconds
 * @expires_at: Unix seconds, after @issued_at
 * @secret_key: (array fixed-size=64): the signer's Ed25519 secret key
 * @error: return location for an %AISLE_CODES_ERROR_INVALID_ARGUMENT error
 *
 * Issues an enrolment link, `<base_url>/e/<token>`. Signed so that nobody can print a link
 * crediting themselves with other people's enrolments.
 *
 * Returns: (transfer full) (nullable): the URL, %NULL on error
 */
char *
aisle_codes_sign_enrol_link (const char    *base_url,
                             const char    *branch_id,
                             const char    *staff_id,
                             gint64         issued_at,
                             gint64         expires_at,
                             const guint8  *secret_key,
                             GError       **error)
{
  g_return_val_if_fail (branch_id != NULL, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sign_link (AISLE_TOKEN_ENROL, "e", base_url, branch_id, staff_id, issued_at, expires_at,
                    secret_key, error);
}
