/* aisle-binding-qr-dialog.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The QR carries a binding link signed with this tablet's device key
 * (aisle_codes_sign_binding_link(): `<hub>/j/<token>`, naming the associate and their store).
 * The hub knows the device's public key from pairing, so the page that completes the binding
 * on the customer's phone can verify it, and so can every Aisle device that has the key.
 * The code is drawn pixel-exact (no smoothing) at a whole number of pixels per module, with
 * the quiet zone the standard asks for, so phone cameras read it from across the counter.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <qrencode.h>

#include "aisle-binding-qr-dialog.h"

#define QUIET_ZONE 4

/**
 * aisle_qr_texture_new:
 * @text: what to encode (UTF-8, byte mode)
 * @module_px: pixels per module
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a black-on-white QR code, error correction M
 */
GdkTexture *
aisle_qr_texture_new (const char  *text,
                      guint        module_px,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  QRcode *qr;
  guint8 *pixels;
  gsize side, stride;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (module_px > 0, NULL);

  qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the QR code could not be made: %s",
                   g_strerror (errno));
      return NULL;
    }
  side = ((gsize) qr->width + 2 * QUIET_ZONE) * module_px;
  stride = side * 3;
  pixels = g_malloc (stride * side);
  memset (pixels, 0xff, stride * side);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      if (qr->data[y * qr->width + x] & 1)
        for (guint dy = 0; dy < module_px; dy++)
          memset (pixels + ((y + QUIET_ZONE) * module_px + dy) * stride
                         + (x + QUIET_ZONE) * module_px * 3, 0, module_px * 3);
  QRcode_free (qr);
  bytes = g_bytes_new_take (pixels, stride * side);
  return gdk_memory_texture_new ((int) side, (int) side, GDK_MEMORY_R8G8B8, bytes, stride);
}

/**
 * aisle_binding_qr_dialog_new:
 * @parent: the window
 * @staff_name: the associate
 * @link: the signed binding link
 * @expires_at: until when the link works, Unix seconds
 * @error: return location for a #GError
 *
 * Returns: (transfer floating) (nullable): a dialog showing the QR, not yet presented
 */
GtkWidget *
aisle_binding_qr_dialog_new (GtkWindow   *parent,
                             const char  *staff_name,
                             const char  *link,
                             gint64       expires_at,
                             GError     **error)
{
  g_autoptr(GdkTexture) texture = aisle_qr_texture_new (link, 6, error);
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (expires_at);
  g_autofree char *time = g_date_time_format (until, "%H:%M");
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *picture;

  if (texture == NULL)
    return NULL;
  /* Translators: %s is the associate's name */
  heading = g_strdup_printf (_("Bind to %s"), staff_name);
  /* Translators: %s is a time like 14:30 */
  body = g_strdup_printf (_("Ask the customer to scan this code with their phone’s camera and follow the link. The code is signed by this tablet and works until %s."),
                          time);
  dialog = adw_message_dialog_new (parent, heading, body);
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Binding QR code"), -1);
  gtk_widget_set_tooltip_text (picture, link);
  g_object_set_data_full (G_OBJECT (dialog), "aisle-binding-link", g_strdup (link), g_free);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), picture);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Done"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  return dialog;
}
