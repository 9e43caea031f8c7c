/* aisle-codes-result.c: AisleCode, the typed result of classifying a scan, and its JSON form
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-codes"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aisle-codes-private.h"

/* Registered by hand: G_DEFINE_BOXED_TYPE's transparent union trips -Wpedantic with GCC. */
GType
aisle_code_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType id = g_boxed_type_register_static (g_intern_static_string ("AisleCode"),
                                               (GBoxedCopyFunc) aisle_code_ref,
                                               (GBoxedFreeFunc) aisle_code_unref);
      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

/* --- the result object ------------------------------------------------------------------- */

static void
field_free (gpointer data)
{
  AisleCodeField *field = data;

  g_free (field->name);
  g_free (field->value);
  g_free (field);
}

static void
issue_free (gpointer data)
{
  AisleCodeIssue *issue = data;

  g_free (issue->field);
  g_free (issue->message);
  g_free (issue);
}

AisleCode *
_aisle_code_new (AisleCodeKind kind)
{
  AisleCode *self = g_new0 (AisleCode, 1);

  g_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->fields = g_ptr_array_new_with_free_func (field_free);
  self->errors = g_ptr_array_new_with_free_func (issue_free);
  self->warnings = g_ptr_array_new_with_free_func (issue_free);
  return self;
}

void
_aisle_code_add_field (AisleCode  *self,
                       const char *name,
                       const char *value)
{
  AisleCodeField *field = g_new0 (AisleCodeField, 1);

  g_assert (g_utf8_validate (value, -1, NULL));
  field->name = g_strdup (name);
  field->value = g_strdup (value);
  g_ptr_array_add (self->fields, field);
}

void
_aisle_code_add_number (AisleCode  *self,
                        const char *name,
                        gint64      value)
{
  AisleCodeField *field = g_new0 (AisleCodeField, 1);

  field->name = g_strdup (name);
  field->value = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  field->number = TRUE;
  g_ptr_array_add (self->fields, field);
}

G_GNUC_PRINTF (5, 0)
static void
add_issue (GPtrArray  *array,
           guint       code,
           const char *name,
           const char *field,
           const char *format,
           va_list     args)
{
  AisleCodeIssue *issue = g_new0 (AisleCodeIssue, 1);

  issue->code = code;
  issue->name = name;
  issue->field = g_strdup (field);
  issue->message = g_strdup_vprintf (format, args);
  g_ptr_array_add (array, issue);
}

void
_aisle_code_add_error (AisleCode       *self,
                       AisleCodesError  code,
                       const char      *field,
                       const char      *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  add_issue (self->errors, code, aisle_codes_error_to_string (code), field, format, args);
  va_end (args);
}

void
_aisle_code_add_warning (AisleCode         *self,
                         AisleCodesWarning  code,
                         const char        *field,
                         const char        *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  add_issue (self->warnings, code, aisle_codes_warning_to_string (code), field, format, args);
  va_end (args);
}

void
_aisle_token_free (AisleToken *token)
{
  if (token == NULL)
    return;
  g_free (token->member_id);
  g_free (token->staff_id);
  g_free (token->branch_id);
  g_free (token->signer);
  g_free (token);
}

static void
product_free (AisleProductCode *product)
{
  if (product == NULL)
    return;
  g_free (product->digits);
  g_free (product->gtin13);
  g_free (product->upca);
  g_free (product);
}

/**
 * aisle_code_ref:
 * @self: an #AisleCode
 *
 * Returns: (transfer full): @self
 */
AisleCode *
aisle_code_ref (AisleCode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * aisle_code_unref:
 * @self: (transfer full): an #AisleCode
 */
void
aisle_code_unref (AisleCode *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->raw, g_bytes_unref);
  g_free (self->text);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->errors);
  g_ptr_array_unref (self->warnings);
  product_free (self->product);
  _aisle_einvoice_free (self->einvoice);
  _aisle_token_free (self->token);
  g_free (self);
}

/**
 * aisle_code_get_kind:
 * @self: an #AisleCode
 *
 * Returns: what the code is, whether or not it is valid
 */
AisleCodeKind
aisle_code_get_kind (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, AISLE_CODE_KIND_UNKNOWN);

  return self->kind;
}

/**
 * aisle_code_get_kind_name:
 * @self: an #AisleCode
 *
 * Returns: (transfer none): the stable name of the kind, see aisle_code_kind_to_string()
 */
const char *
aisle_code_get_kind_name (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return aisle_code_kind_to_string (self->kind);
}

/**
 * aisle_code_get_raw:
 * @self: an #AisleCode
 *
 * Returns: (transfer none): the bytes exactly as given to aisle_codes_classify()
 */
GBytes *
aisle_code_get_raw (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->raw;
}

/**
 * aisle_code_get_text:
 * @self: an #AisleCode
 *
 * The input as UTF-8 for display and logs. Invalid sequences (Big5 item names, binary noise)
 * are replaced with U+FFFD, so use the typed views, not this, for e-invoice item names.
 *
 * Returns: (transfer none): valid UTF-8, never %NULL
 */
const char *
aisle_code_get_text (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

/**
 * aisle_code_is_valid:
 * @self: an #AisleCode
 *
 * Returns: %TRUE if the code has no errors (it may have warnings) and its kind is known
 */
gboolean
aisle_code_is_valid (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->kind != AISLE_CODE_KIND_UNKNOWN && self->errors->len == 0;
}

/**
 * aisle_code_check:
 * @self: an #AisleCode
 * @error: return location for the first error, in the %AISLE_CODES_ERROR domain
 *
 * GError-style access to the first error, for callers that propagate failures. The message is
 * prefixed with the field at fault.
 *
 * Returns: %TRUE if the code has no errors
 */
gboolean
aisle_code_check (const AisleCode  *self,
                  GError          **error)
{
  const AisleCodeIssue *issue;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->errors->len == 0)
    return TRUE;
  issue = g_ptr_array_index (self->errors, 0);
  if (issue->field != NULL)
    g_set_error (error, AISLE_CODES_ERROR, (int) issue->code, "%s: %s", issue->field,
                 issue->message);
  else
    g_set_error_literal (error, AISLE_CODES_ERROR, (int) issue->code, issue->message);
  return FALSE;
}

/**
 * aisle_code_get_n_fields:
 * @self: an #AisleCode
 *
 * Returns: the number of named fields, in the order a printer should show them
 */
guint
aisle_code_get_n_fields (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->fields->len;
}

/**
 * aisle_code_get_field_name:
 * @self: an #AisleCode
 * @index: below aisle_code_get_n_fields()
 *
 * Item fields of an e-invoice are named "items[N].name", "items[N].quantity" and
 * "items[N].price"; aisle_code_to_json() nests them.
 *
 * Returns: (transfer none): the field's name, e.g. "gtin13"
 */
const char *
aisle_code_get_field_name (const AisleCode *self,
                           guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return ((AisleCodeField *) g_ptr_array_index (self->fields, index))->name;
}

/**
 * aisle_code_get_field_value:
 * @self: an #AisleCode
 * @index: below aisle_code_get_n_fields()
 *
 * Returns: (transfer none): the field's value as valid UTF-8
 */
const char *
aisle_code_get_field_value (const AisleCode *self,
                            guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return ((AisleCodeField *) g_ptr_array_index (self->fields, index))->value;
}

/**
 * aisle_code_get_field_is_number:
 * @self: an #AisleCode
 * @index: below aisle_code_get_n_fields()
 *
 * Returns: %TRUE if the value is an integer that JSON should print unquoted
 */
gboolean
aisle_code_get_field_is_number (const AisleCode *self,
                                guint            index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->fields->len, FALSE);

  return ((AisleCodeField *) g_ptr_array_index (self->fields, index))->number;
}

/**
 * aisle_code_lookup_field:
 * @self: an #AisleCode
 * @name: a field name
 *
 * Returns: (transfer none) (nullable): the value of the field named @name
 */
const char *
aisle_code_lookup_field (const AisleCode *self,
                         const char      *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      AisleCodeField *field = g_ptr_array_index (self->fields, i);

      if (strcmp (field->name, name) == 0)
        return field->value;
    }
  return NULL;
}

/**
 * aisle_code_get_n_errors:
 * @self: an #AisleCode
 *
 * Returns: the number of errors; a code with any is not to be acted on
 */
guint
aisle_code_get_n_errors (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->errors->len;
}

/**
 * aisle_code_get_error:
 * @self: an #AisleCode
 * @index: below aisle_code_get_n_errors()
 *
 * Returns: (transfer none): the error; its code is an #AisleCodesError
 */
const AisleCodeIssue *
aisle_code_get_error (const AisleCode *self,
                      guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->errors->len, NULL);

  return g_ptr_array_index (self->errors, index);
}

/**
 * aisle_code_get_n_warnings:
 * @self: an #AisleCode
 *
 * Returns: the number of tolerated deviations
 */
guint
aisle_code_get_n_warnings (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->warnings->len;
}

/**
 * aisle_code_get_warning:
 * @self: an #AisleCode
 * @index: below aisle_code_get_n_warnings()
 *
 * Returns: (transfer none): the warning; its code is an #AisleCodesWarning
 */
const AisleCodeIssue *
aisle_code_get_warning (const AisleCode *self,
                        guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);

  return g_ptr_array_index (self->warnings, index);
}

static gboolean
issues_have (GPtrArray *issues,
             guint      code)
{
  for (guint i = 0; i < issues->len; i++)
    if (((AisleCodeIssue *) g_ptr_array_index (issues, i))->code == code)
      return TRUE;
  return FALSE;
}

/**
 * aisle_code_has_error:
 * @self: an #AisleCode
 * @code: an #AisleCodesError
 *
 * Returns: %TRUE if @self carries an error with @code
 */
gboolean
aisle_code_has_error (const AisleCode *self,
                      AisleCodesError  code)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return issues_have (self->errors, code);
}

/**
 * aisle_code_has_warning:
 * @self: an #AisleCode
 * @code: an #AisleCodesWarning
 *
 * Returns: %TRUE if @self carries a warning with @code
 */
gboolean
aisle_code_has_warning (const AisleCode   *self,
                        AisleCodesWarning  code)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return issues_have (self->warnings, code);
}

/**
 * aisle_code_get_product:
 * @self: an #AisleCode
 *
 * Returns: (transfer none) (nullable): the product barcode, for kind PRODUCT
 */
const AisleProductCode *
aisle_code_get_product (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->product;
}

/**
 * aisle_code_get_einvoice:
 * @self: an #AisleCode
 *
 * Returns: (transfer none) (nullable): the e-invoice, for kinds EINVOICE and EINVOICE_RIGHT
 */
const AisleEInvoice *
aisle_code_get_einvoice (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->einvoice;
}

/**
 * aisle_code_get_token:
 * @self: an #AisleCode
 *
 * Returns: (transfer none) (nullable): the token's content, for kinds MEMBER_CARD,
 *   BINDING_LINK and ENROL_LINK (also when verification failed: check aisle_code_is_valid())
 */
const AisleToken *
aisle_code_get_token (const AisleCode *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->token;
}

/* --- JSON -------------------------------------------------------------------------------- */

static void
json_string (GString    *out,
             const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
json_issues (GString   *out,
             GPtrArray *issues)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < issues->len; i++)
    {
      AisleCodeIssue *issue = g_ptr_array_index (issues, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"code\":");
      json_string (out, issue->name);
      g_string_append (out, ",\"field\":");
      if (issue->field != NULL)
        json_string (out, issue->field);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"message\":");
      json_string (out, issue->message);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

/**
 * aisle_code_to_json:
 * @self: an #AisleCode
 *
 * Serialises @self as one JSON object:
 * `{"type": KIND, "valid": BOOL, "fields": {NAME: VALUE, ..., "items": [...]},
 *   "errors": [{"code", "field", "message"}], "warnings": [...]}`.
 * Integer fields are JSON numbers, the rest strings; e-invoice item fields are nested under
 * "items" as objects with "name", "quantity" and "price".
 *
 * Returns: (transfer full): compact JSON in UTF-8
 */
char *
aisle_code_to_json (const AisleCode *self)
{
  GString *out;
  gboolean first = TRUE;
  int current_item = -1;
  gboolean any_items = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new ("{\"type\":");
  json_string (out, aisle_code_kind_to_string (self->kind));
  g_string_append_printf (out, ",\"valid\":%s,\"fields\":{",
                          aisle_code_is_valid (self) ? "true" : "false");
  /* Plain fields first, then items, so the "items" array is one member */
  for (guint i = 0; i < self->fields->len; i++)
    {
      AisleCodeField *field = g_ptr_array_index (self->fields, i);

      if (g_str_has_prefix (field->name, "items["))
        {
          any_items = TRUE;
          continue;
        }
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      json_string (out, field->name);
      g_string_append_c (out, ':');
      if (field->number)
        g_string_append (out, field->value);
      else
        json_string (out, field->value);
    }
  if (any_items)
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, "\"items\":[");
      for (guint i = 0; i < self->fields->len; i++)
        {
          AisleCodeField *field = g_ptr_array_index (self->fields, i);
          const char *close;
          int index;

          if (!g_str_has_prefix (field->name, "items["))
            continue;
          index = atoi (field->name + strlen ("items["));
          close = strstr (field->name, "].");
          if (close == NULL)
            continue;
          if (index != current_item)
            {
              g_string_append (out, current_item < 0 ? "{" : "},{");
              current_item = index;
            }
          else
            g_string_append_c (out, ',');
          json_string (out, close + 2);
          g_string_append_c (out, ':');
          if (field->number)
            g_string_append (out, field->value);
          else
            json_string (out, field->value);
        }
      if (current_item >= 0)
        g_string_append_c (out, '}');
      g_string_append_c (out, ']');
    }
  g_string_append (out, "},\"errors\":");
  json_issues (out, self->errors);
  g_string_append (out, ",\"warnings\":");
  json_issues (out, self->warnings);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}
