/* aisle-scan-page.c: scan with the camera or type a code, and see what it is (staff tablet).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page runs the camera while it is on screen (map/unmap), and hands every code it sees or
 * that staff type to the window as raw bytes ("scanned"): the window classifies codes from
 * every source in one place and tells the page what to show. The last result is written out
 * in words, because staff read it at arm's length: what kind of code it is, its key fields,
 * and what is wrong with it as sentences rather than field names.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-scan-page.h"

struct _AisleScanPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkSpinner     *camera_spinner;
  GtkStack       *camera_stack;
  GtkButton      *check_button;
  GtkEntry       *code_entry;
  GtkButton      *done_button;
  GtkLabel       *errors_label;
  GtkListBox     *fields_list;
  GtkLabel       *hint_label;
  AdwStatusPage  *no_camera_page;
  GtkPicture     *preview;
  GtkBox         *result_box;
  GtkLabel       *result_source;
  GtkLabel       *result_title;
  GtkLabel       *warnings_label;

  /* Owned */
  AisleCamera    *camera;
  GSettings      *settings;
  AisleCode      *code;       /* the last result shown */
};

G_DEFINE_FINAL_TYPE (AisleScanPage, aisle_scan_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMERA,
  PROP_CODE,
  N_PROPS
};

enum {
  SCANNED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
aisle_scan_source_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { AISLE_SCAN_SOURCE_CAMERA, "AISLE_SCAN_SOURCE_CAMERA", "camera" },
        { AISLE_SCAN_SOURCE_WEDGE, "AISLE_SCAN_SOURCE_WEDGE", "wedge" },
        { AISLE_SCAN_SOURCE_MANUAL, "AISLE_SCAN_SOURCE_MANUAL", "manual" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("AisleScanSource"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/* --- the result in words -------------------------------------------------------------------- */

static const char *
kind_title (AisleCodeKind kind)
{
  switch (kind)
    {
    case AISLE_CODE_KIND_PRODUCT: return _("Product Barcode");
    case AISLE_CODE_KIND_MEMBER_CARD: return _("Member Card");
    case AISLE_CODE_KIND_MEMBER_NUMBER: return _("Member Number");
    case AISLE_CODE_KIND_STAFF_BADGE: return _("Staff Badge");
    case AISLE_CODE_KIND_COUPON: return _("Coupon");
    case AISLE_CODE_KIND_EINVOICE: return _("E-Invoice");
    case AISLE_CODE_KIND_EINVOICE_RIGHT: return _("E-Invoice Items (Right Code)");
    case AISLE_CODE_KIND_CARRIER: return _("Mobile Barcode Carrier");
    case AISLE_CODE_KIND_BINDING_LINK: return _("Staff Binding Link");
    case AISLE_CODE_KIND_ENROL_LINK: return _("Enrolment Link");
    case AISLE_CODE_KIND_UNKNOWN:
    default: return _("Unrecognised Code");
    }
}

static const char *
source_text (AisleScanSource source)
{
  switch (source)
    {
    case AISLE_SCAN_SOURCE_CAMERA: return _("Read by the camera");
    case AISLE_SCAN_SOURCE_WEDGE: return _("Read by the barcode scanner");
    case AISLE_SCAN_SOURCE_MANUAL:
    default: return _("Typed in");
    }
}

static const char *
error_sentence (guint code)
{
  switch ((AisleCodesError) code)
    {
    case AISLE_CODES_ERROR_EMPTY: return _("Nothing was scanned.");
    case AISLE_CODES_ERROR_TOO_LONG: return _("The code is too long to be one Aisle reads.");
    case AISLE_CODES_ERROR_SYNTAX: return _("The code has the wrong length or characters.");
    case AISLE_CODES_ERROR_CHECK_DIGIT: return _("The check digit is wrong: the code was misread or mistyped.");
    case AISLE_CODES_ERROR_CHECKSUM: return _("The business ID (統一編號) fails its checksum.");
    case AISLE_CODES_ERROR_DATE: return _("The date is not a real calendar date.");
    case AISLE_CODES_ERROR_AMOUNT: return _("The amounts are malformed or do not add up.");
    case AISLE_CODES_ERROR_ENCODING: return _("The code declares a text encoding that does not exist.");
    case AISLE_CODES_ERROR_TRUNCATED: return _("The card is incomplete: part of it is missing.");
    case AISLE_CODES_ERROR_UNSUPPORTED_VERSION: return _("The card was made by a newer version of Aisle.");
    case AISLE_CODES_ERROR_BAD_SIGNATURE: return _("The card’s signature does not match: it was altered or damaged.");
    case AISLE_CODES_ERROR_UNKNOWN_KEY: return _("The card was signed by a device this tablet does not know yet.");
    case AISLE_CODES_ERROR_REVOKED_KEY: return _("The card was signed by a device that is no longer trusted.");
    case AISLE_CODES_ERROR_EXPIRED: return _("The card has expired.");
    case AISLE_CODES_ERROR_NOT_YET_VALID: return _("The card is not valid yet: check the tablet’s clock.");
    case AISLE_CODES_ERROR_INVALID_ARGUMENT:
    default: return _("The code cannot be used.");
    }
}

static const char *
warning_sentence (guint code)
{
  switch ((AisleCodesWarning) code)
    {
    case AISLE_CODES_WARNING_BOM: return _("A stray marker before the code was ignored.");
    case AISLE_CODES_WARNING_PADDING: return _("Spaces padding the code were ignored.");
    case AISLE_CODES_WARNING_BUYER_SPACES: return _("The buyer ID was blank and read as a consumer purchase.");
    case AISLE_CODES_WARNING_CUSTOM_AREA: return _("The invoice carries the issuer’s own data in its custom area.");
    case AISLE_CODES_WARNING_UPPERCASE_HEX: return _("The amounts use capital hexadecimal digits.");
    case AISLE_CODES_WARNING_DECIMAL_NUMBER: return _("Some quantities or prices have decimals.");
    case AISLE_CODES_WARNING_EMPTY_RIGHT_CODE: return _("The right code holds no items.");
    case AISLE_CODES_WARNING_ITEMS_CONTINUE: return _("More items are in the right-hand QR code: scan it too.");
    case AISLE_CODES_WARNING_BIG5: return _("Item names were in Big5 and were converted.");
    case AISLE_CODES_WARNING_TRAILING_SEPARATOR: return _("A stray separator ended the item list.");
    case AISLE_CODES_WARNING_ITEM_COUNT: return _("The number of items differs from the number recorded.");
    case AISLE_CODES_WARNING_ENCODING_UNKNOWN: return _("Scanned alone, the right code’s item names may not read correctly.");
    case AISLE_CODES_WARNING_BUYER_CHECKSUM: return _("The buyer’s business ID fails its checksum.");
    case AISLE_CODES_WARNING_INVALID_UTF8: return _("Some characters could not be read and were replaced.");
    case AISLE_CODES_WARNING_LOWER_CASE: return _("Letters arrived in lower case (is Caps Lock on?) and were read as capitals.");
    case AISLE_CODES_WARNING_SYMBOLOGY_AMBIGUOUS: return _("These 8 digits could be EAN-8 or UPC-E; read as EAN-8.");
    case AISLE_CODES_WARNING_FOREIGN_HOST: return _("The link names a different hub.");
    case AISLE_CODES_WARNING_IGNORED_TRAILER: return _("Characters after the code were ignored.");
    case AISLE_CODES_WARNING_ITEM_NAME_ENCODING: return _("An item name is not in the encoding the invoice declares.");
    default: return _("The code is unusual but usable.");
    }
}

static void
add_field (AisleScanPage *self,
           const char    *title,
           const char    *value)
{
  GtkWidget *row;
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;

  escaped = g_markup_escape_text (value, -1);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "property");
  {
    /* Translators: how a screen reader reads one detail of a scanned code: "GTIN: 4710088432155" */
    g_autofree char *spoken = g_strdup_printf (_("%s: %s"), title, value);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  gtk_list_box_append (self->fields_list, row);
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_seconds);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
}

static void
add_kind_fields (AisleScanPage *self,
                 AisleCode     *code)
{
  const AisleProductCode *product;
  const AisleEInvoice *invoice;
  const AisleToken *token;

  switch (aisle_code_get_kind (code))
    {
    case AISLE_CODE_KIND_PRODUCT:
      product = aisle_code_get_product (code);
      add_field (self, _("GTIN"), product->gtin13);
      add_field (self, _("Barcode type"), aisle_symbology_to_string (product->symbology));
      add_field (self, _("UPC-A"), product->upca);
      break;

    case AISLE_CODE_KIND_EINVOICE:
    case AISLE_CODE_KIND_EINVOICE_RIGHT:
      invoice = aisle_code_get_einvoice (code);
      add_field (self, _("Invoice number"), invoice->number);
      if (invoice->year > 0)
        {
          g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d", invoice->year, invoice->month, invoice->day);

          add_field (self, _("Date"), date);
        }
      if (invoice->number != NULL)
        {
          g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, invoice->total_amount);
          /* Translators: an amount in New Taiwan dollars, e.g. "NT$1,250" */
          g_autofree char *total = g_strdup_printf (_("NT$%s"), amount);

          add_field (self, _("Total"), total);
        }
      add_field (self, _("Seller business ID (統一編號)"), invoice->seller_id);
      if (invoice->items != NULL && invoice->items->len > 0)
        {
          g_autofree char *n_items = g_strdup_printf ("%u", invoice->items->len);

          add_field (self, _("Items in this code"), n_items);
        }
      break;

    case AISLE_CODE_KIND_MEMBER_CARD:
    case AISLE_CODE_KIND_BINDING_LINK:
    case AISLE_CODE_KIND_ENROL_LINK:
      token = aisle_code_get_token (code);
      if (token != NULL)
        {
          g_autofree char *expires = format_time (token->expires_at);

          add_field (self, _("Member"), token->member_id);
          add_field (self, _("Staff"), token->staff_id);
          add_field (self, _("Store"), token->branch_id);
          add_field (self, _("Valid until"), expires);
          add_field (self, _("Signed by"), token->signer);
        }
      break;

    case AISLE_CODE_KIND_MEMBER_NUMBER:
      add_field (self, _("Member number"), aisle_code_lookup_field (code, "member_number"));
      break;

    case AISLE_CODE_KIND_STAFF_BADGE:
      add_field (self, _("Staff"), aisle_code_lookup_field (code, "staff_id"));
      break;

    case AISLE_CODE_KIND_COUPON:
      add_field (self, _("Coupon code"), aisle_code_lookup_field (code, "coupon"));
      break;

    case AISLE_CODE_KIND_CARRIER:
      add_field (self, _("Carrier"), aisle_code_lookup_field (code, "carrier"));
      break;

    case AISLE_CODE_KIND_UNKNOWN:
    default:
      add_field (self, _("Text"), aisle_code_get_text (code));
      break;
    }
}

static void
set_issues (GtkLabel        *label,
            guint            n_issues,
            const char    *(*sentence) (guint),
            const AisleCodeIssue *(*get) (const AisleCode *, guint),
            AisleCode       *code)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_issues; i++)
    {
      const char *line = sentence (get (code, i)->code);

      /* Two fields at fault for the same reason read as one sentence. */
      if (strstr (text->str, line) != NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  gtk_label_set_text (label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (label), text->len > 0);
}

/**
 * aisle_scan_page_show_code:
 * @self: the page
 * @code: a classified code
 * @source: where it came from
 *
 * Shows @code as the last result.
 */
void
aisle_scan_page_show_code (AisleScanPage   *self,
                           AisleCode       *code,
                           AisleScanSource  source)
{
  GtkWidget *child;
  g_autofree char *title = NULL;

  g_return_if_fail (AISLE_IS_SCAN_PAGE (self));
  g_return_if_fail (code != NULL);

  if (self->code != code)
    {
      g_clear_pointer (&self->code, aisle_code_unref);
      self->code = aisle_code_ref (code);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_list))) != NULL)
    gtk_list_box_remove (self->fields_list, child);

  if (aisle_code_is_valid (code))
    title = g_strdup (kind_title (aisle_code_get_kind (code)));
  else
    /* Translators: %s is the kind of code, e.g. "Product Barcode" */
    title = g_strdup_printf (_("%s — Not Valid"), kind_title (aisle_code_get_kind (code)));
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_source, source_text (source));
  add_kind_fields (self, code);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->fields_list)) != NULL);

  set_issues (self->errors_label, aisle_code_get_n_errors (code), error_sentence,
              aisle_code_get_error, code);
  set_issues (self->warnings_label, aisle_code_get_n_warnings (code), warning_sentence,
              aisle_code_get_warning, code);

  gtk_widget_set_visible (GTK_WIDGET (self->result_box), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
}

/* --- camera ---------------------------------------------------------------------------------- */

static void
update_camera_view (AisleScanPage *self)
{
  AisleCameraState state = aisle_camera_get_state (self->camera);

  gtk_spinner_set_spinning (self->camera_spinner, state == AISLE_CAMERA_STARTING);

  switch (state)
    {
    case AISLE_CAMERA_PLAYING:
      gtk_stack_set_visible_child_name (self->camera_stack, "preview");
      break;

    case AISLE_CAMERA_FAILED:
      adw_status_page_set_description (self->no_camera_page, aisle_camera_get_error (self->camera));
      gtk_stack_set_visible_child_name (self->camera_stack, "no-camera");
      break;

    case AISLE_CAMERA_STOPPED:
    case AISLE_CAMERA_STARTING:
    default:
      gtk_stack_set_visible_child_name (self->camera_stack, "starting");
      break;
    }
}

static void
on_camera_state_cb (AisleScanPage *self)
{
  update_camera_view (self);
}

static void
on_camera_frame_cb (AisleScanPage *self)
{
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (aisle_camera_get_frame (self->camera)));
}

static void
on_camera_code_detected_cb (AisleScanPage   *self,
                            AisleScanResult *result)
{
  GBytes *bytes = aisle_scan_result_get_bytes (result);

  g_signal_emit (self, signals[SCANNED], 0, AISLE_SCAN_SOURCE_CAMERA, bytes,
                 (int) aisle_scan_result_get_symbology (result));
}

/* --- manual entry ---------------------------------------------------------------------------- */

static void
submit_entry (AisleScanPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  g_autoptr(GBytes) bytes = NULL;

  if (*text == '\0')
    return;

  bytes = g_bytes_new (text, strlen (text));
  g_signal_emit (self, signals[SCANNED], 0, AISLE_SCAN_SOURCE_MANUAL, bytes, (int) AISLE_SYMBOLOGY_NONE);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
}

static void
on_code_entry_activate_cb (AisleScanPage *self)
{
  submit_entry (self);
}

static void
on_check_button_clicked_cb (AisleScanPage *self)
{
  submit_entry (self);
}

/* --- GObject --------------------------------------------------------------------------------- */

/* The camera runs only while the page is on screen. */
static void
aisle_scan_page_map (GtkWidget *widget)
{
  AisleScanPage *self = AISLE_SCAN_PAGE (widget);

  GTK_WIDGET_CLASS (aisle_scan_page_parent_class)->map (widget);
  aisle_camera_start (self->camera);
  update_camera_view (self);
}

static void
aisle_scan_page_unmap (GtkWidget *widget)
{
  AisleScanPage *self = AISLE_SCAN_PAGE (widget);

  aisle_camera_stop (self->camera);
  GTK_WIDGET_CLASS (aisle_scan_page_parent_class)->unmap (widget);
}

static gboolean
aisle_scan_page_grab_focus (GtkWidget *widget)
{
  AisleScanPage *self = AISLE_SCAN_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
aisle_scan_page_dispose (GObject *object)
{
  AisleScanPage *self = (AisleScanPage *)object;
  GtkWidget *child;

  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      aisle_camera_stop (self->camera);
    }
  g_clear_object (&self->settings);
  g_clear_object (&self->camera);

  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_SCAN_PAGE);
  /* The template's root box is not a bound child, so dispose_template() leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (aisle_scan_page_parent_class)->dispose (object);
}

static void
aisle_scan_page_finalize (GObject *object)
{
  AisleScanPage *self = (AisleScanPage *)object;

  g_clear_pointer (&self->code, aisle_code_unref);

  G_OBJECT_CLASS (aisle_scan_page_parent_class)->finalize (object);
}

static void
aisle_scan_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AisleScanPage *self = AISLE_SCAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMERA:
      g_value_set_object (value, self->camera);
      break;

    case PROP_CODE:
      g_value_set_boxed (value, self->code);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_scan_page_class_init (AisleScanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_scan_page_dispose;
  object_class->finalize = aisle_scan_page_finalize;
  object_class->get_property = aisle_scan_page_get_property;

  widget_class->map = aisle_scan_page_map;
  widget_class->unmap = aisle_scan_page_unmap;
  widget_class->grab_focus = aisle_scan_page_grab_focus;

  properties[PROP_CAMERA] =
    g_param_spec_object ("camera", NULL, NULL,
                         AISLE_TYPE_CAMERA,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The last code shown. */
  properties[PROP_CODE] =
    g_param_spec_boxed ("code", NULL, NULL,
                        AISLE_TYPE_CODE,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AisleScanPage::scanned:
   * @source: an #AisleScanSource
   * @bytes: the raw bytes (ZBar's binary output, or the typed text)
   * @symbology: the #AisleSymbology the decoder saw
   *
   * The camera saw a code or staff typed one. The window classifies it.
   */
  signals[SCANNED] =
    g_signal_new ("scanned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, AISLE_TYPE_SCAN_SOURCE, G_TYPE_BYTES, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-scan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, camera_spinner);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, camera_stack);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, errors_label);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, fields_list);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, no_camera_page);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, preview);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, result_source);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, AisleScanPage, warnings_label);
  gtk_widget_class_bind_template_callback (widget_class, on_check_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_code_entry_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislescanpage");
}

static void
aisle_scan_page_init (AisleScanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->camera = aisle_camera_new ();

  g_signal_connect_object (self->camera, "notify::state", G_CALLBACK (on_camera_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera, "notify::frame", G_CALLBACK (on_camera_frame_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera, "code-detected", G_CALLBACK (on_camera_code_detected_cb),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
aisle_scan_page_new (void)
{
  return g_object_new (AISLE_TYPE_SCAN_PAGE, NULL);
}

/**
 * aisle_scan_page_set_settings:
 * @self: an #AisleScanPage
 * @settings: the application's settings, whose `camera-pipeline` key chooses the camera
 *
 * The settings come from the window rather than g_settings_new(): the application owns the
 * one settings object (with its own schema source when run uninstalled). Set once.
 */
void
aisle_scan_page_set_settings (AisleScanPage *self,
                              GSettings     *settings)
{
  g_return_if_fail (AISLE_IS_SCAN_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  /* Staff (or IT) choose the camera in settings; it takes effect the next time the page shows. */
  self->settings = g_object_ref (settings);
  g_settings_bind (self->settings, "camera-pipeline", self->camera, "source", G_SETTINGS_BIND_GET);
}

AisleCamera *
aisle_scan_page_get_camera (AisleScanPage *self)
{
  g_return_val_if_fail (AISLE_IS_SCAN_PAGE (self), NULL);

  return self->camera;
}

/* The last code shown, or NULL. */
AisleCode *
aisle_scan_page_get_code (AisleScanPage *self)
{
  g_return_val_if_fail (AISLE_IS_SCAN_PAGE (self), NULL);

  return self->code;
}
