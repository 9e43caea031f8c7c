/* aisle-profile-page-private.h: shared by aisle-profile-page.c (showing the profile) and
 * aisle-profile-page-actions.c (binding, coupons, e-invoices, notes, tags, phone reveal).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-profile-page.h"
#include "aisle-store-profile.h"

G_BEGIN_DECLS

struct _AisleProfilePage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkBox               *actions_box;
  AdwAvatar            *avatar;
  GtkButton            *bind_button;
  AdwActionRow         *binding_row;
  AdwActionRow         *consent_row;
  GtkBox               *content_box;
  AdwPreferencesGroup  *coupons_group;
  AdwPreferencesGroup  *details_group;
  GtkBox               *header_box;
  AdwActionRow         *home_row;
  GtkBox               *message_box;
  GtkImage             *message_icon;
  GtkLabel             *message_label;
  GtkRevealer          *message_revealer;
  GtkLabel             *name_label;
  AdwEntryRow          *note_entry;
  AdwPreferencesGroup  *notes_group;
  GtkLabel             *number_label;
  AdwPreferencesGroup  *orders_group;
  AdwActionRow         *phone_row;
  GtkLabel             *points_label;
  GtkButton            *qr_button;
  AdwPreferencesGroup  *reservations_group;
  GtkButton            *reveal_button;
  GtkBox               *root_box;
  GtkScrolledWindow    *scroller;
  GtkButton            *stock_button;
  AdwEntryRow          *tag_entry;
  AdwPreferencesGroup  *tags_group;
  GtkLabel             *tier_label;

  /* Owned */
  AisleWorker          *worker;
  AisleSession         *session;
  AisleSyncClient      *sync_client;
  GCancellable         *cancellable;     /* this member's jobs; cancelled on another member */
  AisleProfile         *profile;         /* NULL while loading */
  GPtrArray            *dynamic_rows;    /* rows added to the groups, removed on reload */
  char                 *member_id;
  char                 *branch_id;
  guint                 pending;         /* jobs and mutations in flight */
  guint                 reads;           /* profile reads in flight */
  GdkFrameClock        *fill_clock;      /* the rest of the rows wait for this clock's paint */
  gulong                fill_handler;
  guint                 fill_from;       /* the first order not shown yet */
};

void   _aisle_profile_page_set_pending (AisleProfilePage *self,
                                        int               delta);
gint64 _aisle_now_seconds              (void);

/* Template callbacks and row handlers (aisle-profile-page-actions.c) */
void   on_bind_clicked_cb              (AisleProfilePage *self);
void   on_note_entry_apply_cb          (AisleProfilePage *self);
void   on_tag_entry_apply_cb           (AisleProfilePage *self);
void   on_reveal_clicked_cb            (AisleProfilePage *self);
void   on_remove_tag_clicked_cb        (GtkButton        *button,
                                        AisleProfilePage *self);

G_END_DECLS
