/* aisle-kiosk-shell-private.h: the shell's instance, shared with its split files.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-camera.h"
#include "aisle-kiosk-shell.h"

G_BEGIN_DECLS

struct _AisleKioskShell
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkBox             *corner;
  GtkLabel           *countdown_label;
  GtkBox             *idle_panel;
  GtkOverlay         *overlay;
  GtkStack           *stack;
  GtkButton          *still_here_button;

  /* Borrowed: the pages, owned by the stack; replaced on every reset */
  GtkWidget          *welcome_page;
  GtkWidget          *join_page;
  GtkWidget          *card_page;
  GtkWidget          *earn_page;
  GtkWidget          *product_page;
  GtkWidget          *staff_page;

  /* Owned */
  AisleWindow        *window;        /* weak: the shell lives inside it */
  GCancellable       *cancellable;   /* the current shopper's work; replaced on reset */
  GCancellable       *identity_cancellable;
  AisleKioskIdentity *identity;      /* NULL until read from the cache */
  AisleCamera        *camera;        /* runs while a page that takes scans is on screen */
  GSettings          *settings;
  guint               idle_source;
  guint               countdown_source;
  guint               idle_timeout;  /* seconds */
  guint               countdown;     /* seconds */
  guint               countdown_left;
};

/* aisle-kiosk-shell-camera.c */
void _aisle_kiosk_shell_update_camera           (AisleKioskShell *self);
void _aisle_kiosk_shell_on_camera_code_detected (AisleKioskShell *self,
                                                 AisleScanResult *result);

G_END_DECLS
