/* aisle-profile-page.h: the tablet's 360° member profile.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-codes.h"
#include "aisle-session.h"
#include "aisle-sync.h"
#include "aisle-worker.h"

G_BEGIN_DECLS

#define AISLE_TYPE_PROFILE_PAGE (aisle_profile_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleProfilePage, aisle_profile_page, AISLE, PROFILE_PAGE, GtkWidget)

GtkWidget         *aisle_profile_page_new              (void);
void               aisle_profile_page_set_worker       (AisleProfilePage    *self,
                                                        AisleWorker         *worker);
void               aisle_profile_page_set_session      (AisleProfilePage    *self,
                                                        AisleSession        *session);
void               aisle_profile_page_set_sync_client  (AisleProfilePage    *self,
                                                        AisleSyncClient     *client);
void               aisle_profile_page_set_branch_id    (AisleProfilePage    *self,
                                                        const char          *branch_id);
void               aisle_profile_page_show_member      (AisleProfilePage    *self,
                                                        const char          *member_id);
void               aisle_profile_page_reload           (AisleProfilePage    *self);
void               aisle_profile_page_clear            (AisleProfilePage    *self);
const char        *aisle_profile_page_get_member_id    (AisleProfilePage    *self);
const AisleMember *aisle_profile_page_get_member       (AisleProfilePage    *self);
gboolean           aisle_profile_page_get_busy         (AisleProfilePage    *self);
gboolean           aisle_profile_page_get_loading      (AisleProfilePage    *self);
const char        *aisle_profile_page_get_message      (AisleProfilePage    *self);

void               aisle_profile_page_bind_to_me       (AisleProfilePage    *self,
                                                        const char          *source);
void               aisle_profile_page_redeem_coupon    (AisleProfilePage    *self,
                                                        const char          *code);
void               aisle_profile_page_register_invoice (AisleProfilePage    *self,
                                                        const AisleEInvoice *invoice);
void               aisle_profile_page_show_message     (AisleProfilePage    *self,
                                                        const char          *text,
                                                        gboolean             error);

G_END_DECLS
