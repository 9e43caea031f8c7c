/* aisle-codes.h: classify any scanned text or bytes into one typed result.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure C, no I/O. One entry point, aisle_codes_classify(), turns what a camera (ZBar, binary mode)
 * or a keyboard-wedge scanner produced into an #AisleCode: a kind, an ordered list of named fields
 * (enough for a generic printer such as the `aisle-codes` CLI), the errors that make it unusable and
 * the warnings about deviations it tolerated, each naming the field at fault. Typed views
 * (aisle_code_get_product(), aisle_code_get_einvoice(), aisle_code_get_token() ...) give the app
 * the parsed values without string round trips.
 *
 * Formats are documented in docs/codes.md.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------------------
 * Errors and warnings
 * ------------------------------------------------------------------------------------------- */

#define AISLE_CODES_ERROR (aisle_codes_error_quark ())

/**
 * AisleCodesError:
 * @AISLE_CODES_ERROR_EMPTY: nothing was scanned
 * @AISLE_CODES_ERROR_TOO_LONG: the input exceeds %AISLE_CODES_MAX_INPUT
 * @AISLE_CODES_ERROR_SYNTAX: a field has the wrong length or characters
 * @AISLE_CODES_ERROR_CHECK_DIGIT: a barcode or coupon check character is wrong
 * @AISLE_CODES_ERROR_CHECKSUM: a 統一編號 (business id) fails the Ministry of Finance checksum
 * @AISLE_CODES_ERROR_DATE: a date is not a real calendar date
 * @AISLE_CODES_ERROR_AMOUNT: an amount is malformed or inconsistent (total below sales)
 * @AISLE_CODES_ERROR_ENCODING: the code declares an encoding that does not exist
 * @AISLE_CODES_ERROR_TRUNCATED: a signed token is shorter than its layout
 * @AISLE_CODES_ERROR_UNSUPPORTED_VERSION: a signed token of a version or type this build can't read
 * @AISLE_CODES_ERROR_BAD_SIGNATURE: the signature does not match (tampered or corrupted)
 * @AISLE_CODES_ERROR_UNKNOWN_KEY: the signing key is not in the key ring (or no ring was given)
 * @AISLE_CODES_ERROR_REVOKED_KEY: the signing key is in the ring but revoked
 * @AISLE_CODES_ERROR_EXPIRED: the token's expiry is in the past
 * @AISLE_CODES_ERROR_NOT_YET_VALID: the token was issued in the future (beyond the clock skew)
 * @AISLE_CODES_ERROR_INVALID_ARGUMENT: a signing function was given unusable values
 *
 * Why a code is unusable. Each value has a stable name (aisle_codes_error_to_string()) used in
 * JSON. Token errors are distinct so the UI can say "expired" rather than "invalid".
 */
typedef enum
{
  AISLE_CODES_ERROR_EMPTY,
  AISLE_CODES_ERROR_TOO_LONG,
  AISLE_CODES_ERROR_SYNTAX,
  AISLE_CODES_ERROR_CHECK_DIGIT,
  AISLE_CODES_ERROR_CHECKSUM,
  AISLE_CODES_ERROR_DATE,
  AISLE_CODES_ERROR_AMOUNT,
  AISLE_CODES_ERROR_ENCODING,
  AISLE_CODES_ERROR_TRUNCATED,
  AISLE_CODES_ERROR_UNSUPPORTED_VERSION,
  AISLE_CODES_ERROR_BAD_SIGNATURE,
  AISLE_CODES_ERROR_UNKNOWN_KEY,
  AISLE_CODES_ERROR_REVOKED_KEY,
  AISLE_CODES_ERROR_EXPIRED,
  AISLE_CODES_ERROR_NOT_YET_VALID,
  AISLE_CODES_ERROR_INVALID_ARGUMENT,
} AisleCodesError;

/**
 * AisleCodesWarning:
 * @AISLE_CODES_WARNING_BOM: a UTF-8 byte-order mark preceded the data (stripped)
 * @AISLE_CODES_WARNING_PADDING: trailing spaces padded the code to a fixed size (stripped)
 * @AISLE_CODES_WARNING_BUYER_SPACES: the buyer id was 8 spaces, read as 00000000
 * @AISLE_CODES_WARNING_CUSTOM_AREA: the e-invoice custom area is not `**********`
 * @AISLE_CODES_WARNING_UPPERCASE_HEX: e-invoice amounts use upper-case hex digits
 * @AISLE_CODES_WARNING_DECIMAL_NUMBER: an item quantity or price has a fraction
 * @AISLE_CODES_WARNING_EMPTY_RIGHT_CODE: the right code holds no items (`**`, `**:`, `***`)
 * @AISLE_CODES_WARNING_ITEMS_CONTINUE: fewer items here than recorded; the rest are in the right code
 * @AISLE_CODES_WARNING_BIG5: item names are Big5 bytes (flag 0), converted to UTF-8
 * @AISLE_CODES_WARNING_TRAILING_SEPARATOR: a stray ':' ended the item list
 * @AISLE_CODES_WARNING_ITEM_COUNT: the number of items parsed differs from the number recorded
 * @AISLE_CODES_WARNING_ENCODING_UNKNOWN: a right code alone: names kept only if valid UTF-8
 * @AISLE_CODES_WARNING_BUYER_CHECKSUM: the buyer 統一編號 fails the checksum
 * @AISLE_CODES_WARNING_INVALID_UTF8: the input is not UTF-8; text fields show a repaired copy
 * @AISLE_CODES_WARNING_LOWER_CASE: letters arrived in lower case (caps-lock wedge scanner), upcased
 * @AISLE_CODES_WARNING_SYMBOLOGY_AMBIGUOUS: 8 digits valid as both EAN-8 and UPC-E
 * @AISLE_CODES_WARNING_FOREIGN_HOST: an Aisle link names a host other than the context's hub
 * @AISLE_CODES_WARNING_IGNORED_TRAILER: bytes after the payload (e.g. a wedge scanner's CR/LF/tab)
 * @AISLE_CODES_WARNING_ITEM_NAME_ENCODING: an item name is not in the encoding its flag declares
 *   (its typed name is %NULL, its field a repaired copy); the invoice itself stays usable
 *
 * Deviations the parsers tolerate and report. Each has a stable name
 * (aisle_codes_warning_to_string()).
 */
typedef enum
{
  AISLE_CODES_WARNING_BOM,
  AISLE_CODES_WARNING_PADDING,
  AISLE_CODES_WARNING_BUYER_SPACES,
  AISLE_CODES_WARNING_CUSTOM_AREA,
  AISLE_CODES_WARNING_UPPERCASE_HEX,
  AISLE_CODES_WARNING_DECIMAL_NUMBER,
  AISLE_CODES_WARNING_EMPTY_RIGHT_CODE,
  AISLE_CODES_WARNING_ITEMS_CONTINUE,
  AISLE_CODES_WARNING_BIG5,
  AISLE_CODES_WARNING_TRAILING_SEPARATOR,
  AISLE_CODES_WARNING_ITEM_COUNT,
  AISLE_CODES_WARNING_ENCODING_UNKNOWN,
  AISLE_CODES_WARNING_BUYER_CHECKSUM,
  AISLE_CODES_WARNING_INVALID_UTF8,
  AISLE_CODES_WARNING_LOWER_CASE,
  AISLE_CODES_WARNING_SYMBOLOGY_AMBIGUOUS,
  AISLE_CODES_WARNING_FOREIGN_HOST,
  AISLE_CODES_WARNING_IGNORED_TRAILER,
  AISLE_CODES_WARNING_ITEM_NAME_ENCODING,
} AisleCodesWarning;

/**
 * AisleCodeIssue:
 * @code: an #AisleCodesError (in an error list) or an #AisleCodesWarning (in a warning list)
 * @name: the stable name of @code, e.g. "bad_signature" or "bom"
 * @field: (nullable): the field at fault, as named in the field list (e.g. "seller_id",
 *   "items[2].price"), %NULL when the whole code is at fault
 * @message: an English sentence for logs and support staff (the UI maps @code to its own text)
 *
 * One error or warning. Owned by its #AisleCode.
 */
typedef struct
{
  guint       code;
  const char *name;
  char       *field;
  char       *message;
} AisleCodeIssue;

/* Inputs longer than this are UNKNOWN with AISLE_CODES_ERROR_TOO_LONG. The largest QR code holds
 * 2953 bytes; keyboard wedges are shorter still. */
#define AISLE_CODES_MAX_INPUT 4096

/* ---------------------------------------------------------------------------------------------
 * Kinds and typed views
 * ------------------------------------------------------------------------------------------- */

/**
 * AisleCodeKind:
 * @AISLE_CODE_KIND_UNKNOWN: none of the below; the text is kept in the "text" field
 * @AISLE_CODE_KIND_PRODUCT: EAN-13, EAN-8, UPC-A or UPC-E (see #AisleProductCode)
 * @AISLE_CODE_KIND_MEMBER_CARD: a signed member card token `AM1:...` (see #AisleToken)
 * @AISLE_CODE_KIND_MEMBER_NUMBER: a plain member number `M` + digits: lower-trust identification
 * @AISLE_CODE_KIND_STAFF_BADGE: a staff badge `AS-<staff id>`
 * @AISLE_CODE_KIND_COUPON: a coupon code `AC-<code><check>`
 * @AISLE_CODE_KIND_EINVOICE: the left QR of a Taiwan e-invoice (see #AisleEInvoice)
 * @AISLE_CODE_KIND_EINVOICE_RIGHT: the right QR (`**...`), a continuation of the item list
 * @AISLE_CODE_KIND_CARRIER: a Taiwan mobile barcode carrier (手機條碼) `/XXXXXXX`
 * @AISLE_CODE_KIND_BINDING_LINK: an associate's signed binding link (`https://<hub>/j/<token>`)
 * @AISLE_CODE_KIND_ENROL_LINK: a signed enrolment link (`https://<hub>/e/<token>`)
 *
 * What a scanned code is. The kind is decided by the code's shape; whether it is usable is
 * decided by its errors (aisle_code_is_valid()). A 13-digit code with a wrong check digit is a
 * PRODUCT with a CHECK_DIGIT error, not UNKNOWN, so the UI can say what is wrong.
 */
typedef enum
{
  AISLE_CODE_KIND_UNKNOWN,
  AISLE_CODE_KIND_PRODUCT,
  AISLE_CODE_KIND_MEMBER_CARD,
  AISLE_CODE_KIND_MEMBER_NUMBER,
  AISLE_CODE_KIND_STAFF_BADGE,
  AISLE_CODE_KIND_COUPON,
  AISLE_CODE_KIND_EINVOICE,
  AISLE_CODE_KIND_EINVOICE_RIGHT,
  AISLE_CODE_KIND_CARRIER,
  AISLE_CODE_KIND_BINDING_LINK,
  AISLE_CODE_KIND_ENROL_LINK,
} AisleCodeKind;

/**
 * AisleSymbology:
 * @AISLE_SYMBOLOGY_NONE: not known (keyboard wedge, typed by hand)
 * @AISLE_SYMBOLOGY_EAN13: EAN-13 (including ISBN/ISSN Bookland codes)
 * @AISLE_SYMBOLOGY_EAN8: EAN-8
 * @AISLE_SYMBOLOGY_UPCA: UPC-A (12 digits)
 * @AISLE_SYMBOLOGY_UPCE: UPC-E (8 digits: number system, 6 digits, check digit)
 * @AISLE_SYMBOLOGY_QR: a QR code
 * @AISLE_SYMBOLOGY_CODE128: Code 128
 * @AISLE_SYMBOLOGY_CODE39: Code 39 (what carriers are printed in)
 *
 * The barcode type a decoder reported, passed in #AisleCodesContext as a hint (it resolves the
 * EAN-8/UPC-E ambiguity of 8 digits) and reported back for products.
 */
typedef enum
{
  AISLE_SYMBOLOGY_NONE,
  AISLE_SYMBOLOGY_EAN13,
  AISLE_SYMBOLOGY_EAN8,
  AISLE_SYMBOLOGY_UPCA,
  AISLE_SYMBOLOGY_UPCE,
  AISLE_SYMBOLOGY_QR,
  AISLE_SYMBOLOGY_CODE128,
  AISLE_SYMBOLOGY_CODE39,
} AisleSymbology;

/**
 * AisleProductCode:
 * @symbology: what the digits are (EAN-13, EAN-8, UPC-A or UPC-E)
 * @digits: the digits as scanned, check digit included
 * @gtin13: the lookup key: 13 digits, left-padded with zeros (UPC-E is expanded to UPC-A first)
 * @upca: (nullable): the 12-digit UPC-A form for UPC-A and UPC-E, else %NULL
 *
 * A product barcode. Check digits are verified; a wrong one makes the code invalid.
 */
typedef struct
{
  AisleSymbology  symbology;
  char           *digits;
  char           *gtin13;
  char           *upca;
} AisleProductCode;

/**
 * AisleEInvoiceEncoding:
 * @AISLE_EINVOICE_ENCODING_BIG5: flag 0, item names in Big5 (decoded as CP950)
 * @AISLE_EINVOICE_ENCODING_UTF8: flag 1, item names in UTF-8
 * @AISLE_EINVOICE_ENCODING_BASE64: flag 2, item names Base64-encoded UTF-8
 * @AISLE_EINVOICE_ENCODING_UNKNOWN: a right code scanned alone: the flag is in the left code
 */
typedef enum
{
  AISLE_EINVOICE_ENCODING_BIG5 = 0,
  AISLE_EINVOICE_ENCODING_UTF8 = 1,
  AISLE_EINVOICE_ENCODING_BASE64 = 2,
  AISLE_EINVOICE_ENCODING_UNKNOWN = -1,
} AisleEInvoiceEncoding;

/**
 * AisleEInvoiceItem:
 * @name: (nullable): the item name in UTF-8, %NULL if it could not be decoded (see the errors)
 * @quantity_text: the quantity as printed, e.g. "1" or "1.5"
 * @quantity: @quantity_text as a number
 * @price_text: the unit price as printed, e.g. "75" or "12.5"
 * @unit_price: @price_text in minor units (NT$75 is 7500), rounded half away from zero
 */
typedef struct
{
  char   *name;
  char   *quantity_text;
  double  quantity;
  char   *price_text;
  gint64  unit_price;
} AisleEInvoiceItem;

/**
 * AisleEInvoice:
 * @number: invoice track and number, e.g. "AB12345678"
 * @date: the ROC date as printed, yyyMMdd
 * @year: Gregorian year (ROC year + 1911)
 * @month: 1-12
 * @day: 1-31
 * @random_code: the 4-digit random code
 * @sales_amount: untaxed amount in NT dollars (the code's hex), multiply by 100 for minor units
 * @total_amount: taxed total in NT dollars
 * @buyer_id: the buyer's 統一編號, "00000000" for a consumer
 * @seller_id: the seller's 統一編號
 * @seller_id_rule: which checksum rule the seller id satisfies: "mod10" (the pre-2023 rule, still
 *   valid) or "mod5" (valid only under the 2023 rule); %NULL if neither
 * @verification: the 24-character Base64 verification block
 * @custom_area: the 10-character custom area (usually `**********`)
 * @items_recorded: items recorded in the QR codes (left and right)
 * @items_total: items on the invoice
 * @encoding: how item names are encoded
 * @items: (element-type AisleEInvoiceItem): the items parsed from this code (a left code's own
 *   items, a right code's continuation, or both after aisle_codes_join_einvoice())
 *
 * A Taiwan e-invoice QR code (電子發票證明聯二維條碼). A right code alone fills only @items and
 * @encoding (UNKNOWN); everything else is zero or %NULL.
 */
typedef struct
{
  char                  *number;
  char                  *date;
  int                    year;
  int                    month;
  int                    day;
  char                  *random_code;
  gint64                 sales_amount;
  gint64                 total_amount;
  char                  *buyer_id;
  char                  *seller_id;
  const char            *seller_id_rule;
  char                  *verification;
  char                  *custom_area;
  int                    items_recorded;
  int                    items_total;
  AisleEInvoiceEncoding  encoding;
  GPtrArray             *items;
} AisleEInvoice;

/**
 * AisleTokenType:
 * @AISLE_TOKEN_MEMBER_CARD: a member card (member id)
 * @AISLE_TOKEN_BINDING: an associate's binding link (staff id, branch id)
 * @AISLE_TOKEN_ENROL: an enrolment link (branch id, optional referring staff id)
 *
 * The type byte of a signed token. The numbers are on the wire: never renumber.
 */
typedef enum
{
  AISLE_TOKEN_MEMBER_CARD = 1,
  AISLE_TOKEN_BINDING = 2,
  AISLE_TOKEN_ENROL = 3,
} AisleTokenType;

/**
 * AisleToken:
 * @type: what the token is for
 * @key_id: the signing key's id (aisle_codes_key_id() of its public key)
 * @issued_at: Unix seconds
 * @expires_at: Unix seconds
 * @member_id: (nullable): the member UUID (lower case, 36 chars) for a member card
 * @staff_id: (nullable): the associate for a binding link, the referrer for an enrolment link
 * @branch_id: (nullable): the store for binding and enrolment links
 * @signer: (nullable): the key ring's label for @key_id ("hub", a device id), %NULL if unknown
 *
 * The decoded content of a signed token. It is filled even when verification failed (so the UI
 * can say whose expired card it is), but only a valid #AisleCode may be trusted.
 */
typedef struct
{
  AisleTokenType  type;
  guint32         key_id;
  gint64          issued_at;
  gint64          expires_at;
  char           *member_id;
  char           *staff_id;
  char           *branch_id;
  char           *signer;
} AisleToken;

/* ---------------------------------------------------------------------------------------------
 * Key ring: the public keys that may sign tokens
 * ------------------------------------------------------------------------------------------- */

#define AISLE_CODES_PUBLIC_KEY_BYTES 32 /* crypto_sign_PUBLICKEYBYTES */
#define AISLE_CODES_SECRET_KEY_BYTES 64 /* crypto_sign_SECRETKEYBYTES */

typedef struct _AisleKeyRing AisleKeyRing;

#define AISLE_TYPE_KEY_RING (aisle_key_ring_get_type ())

GType         aisle_key_ring_get_type  (void) G_GNUC_CONST;
AisleKeyRing *aisle_key_ring_new       (void);
AisleKeyRing *aisle_key_ring_ref       (AisleKeyRing *self);
void          aisle_key_ring_unref     (AisleKeyRing *self);
guint32       aisle_key_ring_add       (AisleKeyRing *self,
                                        const guint8 *public_key,
                                        const char   *label,
                                        gboolean      revoked);
gboolean      aisle_key_ring_revoke    (AisleKeyRing *self,
                                        guint32       key_id);
gboolean      aisle_key_ring_lookup    (AisleKeyRing *self,
                                        guint32       key_id,
                                        const guint8 **public_key,
                                        const char   **label,
                                        gboolean     *revoked);
guint         aisle_key_ring_get_size  (AisleKeyRing *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleKeyRing, aisle_key_ring_unref)

guint32       aisle_codes_key_id       (const guint8 *public_key);
gboolean      aisle_codes_generate_key (guint8       *public_key,
                                        guint8       *secret_key);

/* ---------------------------------------------------------------------------------------------
 * Classifying
 * ------------------------------------------------------------------------------------------- */

/**
 * AisleCodesContext:
 * @now: the time tokens are checked against, Unix seconds; 0 means the real time
 * @clock_skew: seconds a token's issue time may lie in the future (devices' clocks drift);
 *   0 means the default of 300
 * @key_ring: (nullable): the keys that may sign tokens; without one every token is UNKNOWN_KEY
 * @hub_host: (nullable): the hub's host name, e.g. "hub.example.com"; links naming another host
 *   get a FOREIGN_HOST warning (the signature, not the host, is what is trusted)
 * @symbology: what the decoder saw, %AISLE_SYMBOLOGY_NONE if not known
 * @padding: reserved, set to zero
 *
 * What classification may depend on besides the bytes. Zero-initialise it
 * (`AisleCodesContext ctx = { 0 };`) and set what you know; a %NULL context means all defaults.
 */
typedef struct
{
  gint64          now;
  gint64          clock_skew;
  AisleKeyRing   *key_ring;
  const char     *hub_host;
  AisleSymbology  symbology;
  gpointer        padding[4];
} AisleCodesContext;

typedef struct _AisleCode AisleCode;

#define AISLE_TYPE_CODE (aisle_code_get_type ())

GQuark       aisle_codes_error_quark       (void);

AisleCode   *aisle_codes_classify          (const guint8            *data,
                                            gsize                    len,
                                            const AisleCodesContext *ctx);
AisleCode   *aisle_codes_classify_text     (const char              *text,
                                            const AisleCodesContext *ctx);
AisleCode   *aisle_codes_join_einvoice     (const AisleCode         *left,
                                            const AisleCode         *right);

/* The result */
GType                    aisle_code_get_type          (void) G_GNUC_CONST;
AisleCode               *aisle_code_ref               (AisleCode   *self);
void                     aisle_code_unref             (AisleCode   *self);
AisleCodeKind            aisle_code_get_kind          (const AisleCode *self);
const char              *aisle_code_get_kind_name     (const AisleCode *self);
GBytes                  *aisle_code_get_raw           (const AisleCode *self);
const char              *aisle_code_get_text          (const AisleCode *self);
gboolean                 aisle_code_is_valid          (const AisleCode *self);
gboolean                 aisle_code_check             (const AisleCode *self,
                                                       GError         **error);

/* Generic access, in a stable order, for printers such as the `aisle-codes` CLI */
guint                    aisle_code_get_n_fields      (const AisleCode *self);
const char              *aisle_code_get_field_name    (const AisleCode *self,
                                                       guint            index);
const char              *aisle_code_get_field_value   (const AisleCode *self,
                                                       guint            index);
gboolean                 aisle_code_get_field_is_number (const AisleCode *self,
                                                         guint            index);
const char              *aisle_code_lookup_field      (const AisleCode *self,
                                                       const char      *name);
guint                    aisle_code_get_n_errors      (const AisleCode *self);
const AisleCodeIssue    *aisle_code_get_error         (const AisleCode *self,
                                                       guint            index);
guint                    aisle_code_get_n_warnings    (const AisleCode *self);
const AisleCodeIssue    *aisle_code_get_warning       (const AisleCode *self,
                                                       guint            index);
gboolean                 aisle_code_has_error         (const AisleCode *self,
                                                       AisleCodesError  code);
gboolean                 aisle_code_has_warning       (const AisleCode *self,
                                                       AisleCodesWarning code);
char                    *aisle_code_to_json           (const AisleCode *self);

/* Typed views: %NULL unless the kind matches */
const AisleProductCode  *aisle_code_get_product       (const AisleCode *self);
const AisleEInvoice     *aisle_code_get_einvoice      (const AisleCode *self);
const AisleToken        *aisle_code_get_token         (const AisleCode *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleCode, aisle_code_unref)

const char  *aisle_code_kind_to_string       (AisleCodeKind      kind);
const char  *aisle_codes_error_to_string     (AisleCodesError    code);
const char  *aisle_codes_warning_to_string   (AisleCodesWarning  code);
const char  *aisle_symbology_to_string       (AisleSymbology     symbology);

/* ---------------------------------------------------------------------------------------------
 * Issuing: signed tokens and checked codes
 * ------------------------------------------------------------------------------------------- */

char        *aisle_codes_sign_member_card    (const char   *member_id,
                                              gint64        issued_at,
                                              gint64        expires_at,
                                              const guint8 *secret_key,
                                              GError      **error);
char        *aisle_codes_sign_binding_link   (const char   *base_url,
                                              const char   *staff_id,
                                              const char   *branch_id,
                                              gint64        issued_at,
                                              gint64        expires_at,
                                              const guint8 *secret_key,
                                              GError      **error);
char        *aisle_codes_sign_enrol_link     (const char   *base_url,
                                              const char   *branch_id,
                                              const char   *staff_id,
                                              gint64        issued_at,
                                              gint64        expires_at,
                                              const guint8 *secret_key,
                                              GError      **error);
char        *aisle_codes_make_coupon_code    (const char   *body,
                                              GError      **error);
gboolean     aisle_codes_tw_business_id_check (const char  *id,
                                               const char **rule);

G_END_DECLS
