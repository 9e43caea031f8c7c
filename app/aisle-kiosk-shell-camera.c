/* aisle-kiosk-shell-camera.c: the kiosk's camera, run only on the screens that ask for a scan.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The camera is the shell's, not a page's: pages are replaced on every reset, the camera is
 * not. It runs while Join, Earn points, Check a product or the staff screen is shown (never on
 * the welcome screen or a member card) and hands what it reads to aisle_window_dispatch_scan(),
 * like the USB scanner.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include "aisle-kiosk-shell-private.h"

void
_aisle_kiosk_shell_update_camera (AisleKioskShell *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);
  gboolean wanted = self->camera != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                    visible != NULL &&
                    (visible == self->join_page || visible == self->earn_page ||
                     visible == self->product_page || visible == self->staff_page);

  if (wanted)
    aisle_camera_start (self->camera);
  else if (self->camera != NULL)
    aisle_camera_stop (self->camera);
}

void
_aisle_kiosk_shell_on_camera_code_detected (AisleKioskShell *self,
                                            AisleScanResult *result)
{
  GBytes *bytes = aisle_scan_result_get_bytes (result);
  gsize length = 0;
  const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;

  if (self->window == NULL)
    return;
  aisle_window_dispatch_scan (self->window, AISLE_SCAN_SOURCE_CAMERA,
                              data != NULL ? data : (const guint8 *) "", length,
                              aisle_scan_result_get_symbology (result));
}

static void
on_preview_camera_state_cb (AisleCamera *camera,
                            GParamSpec  *pspec,
                            GtkWidget   *picture)
{
  gboolean playing = aisle_camera_get_state (camera) == AISLE_CAMERA_PLAYING;
  GtkWidget *icon = gtk_widget_get_prev_sibling (picture);

  gtk_widget_set_visible (picture, playing);
  /* The picture stands in for the screen's icon while the camera shows something. */
  if (GTK_IS_IMAGE (icon))
    gtk_widget_set_visible (icon, !playing);
}

/**
 * aisle_kiosk_shell_bind_preview:
 * @self: the shell
 * @picture: a picture on a page that asks for a scan
 *
 * Shows the camera's frames in @picture while the camera is running, so the shopper sees what
 * it sees; hidden (with the icon before it shown instead) when there is no camera.
 */
void
aisle_kiosk_shell_bind_preview (AisleKioskShell *self,
                                GtkPicture      *picture)
{
  g_return_if_fail (AISLE_IS_KIOSK_SHELL (self));
  g_return_if_fail (GTK_IS_PICTURE (picture));

  g_object_bind_property (self->camera, "frame", picture, "paintable", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->camera, "notify::state", G_CALLBACK (on_preview_camera_state_cb),
                           picture, 0);
  on_preview_camera_state_cb (self->camera, NULL, GTK_WIDGET (picture));
}

/* The kiosk's camera, for the pages that show its preview. */
AisleCamera *
aisle_kiosk_shell_get_camera (AisleKioskShell *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return self->camera;
}

