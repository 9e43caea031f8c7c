/* aisle-signin-page.h: staff sign-in on a tablet: pick your name or scan your badge, then
 * your PIN on a large keypad.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-worker.h"

G_BEGIN_DECLS

#define AISLE_TYPE_SIGNIN_PAGE (aisle_signin_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleSigninPage, aisle_signin_page, AISLE, SIGNIN_PAGE, GtkWidget)

GtkWidget  *aisle_signin_page_new           (void);
void        aisle_signin_page_set_worker    (AisleSigninPage *self,
                                             AisleWorker     *worker);
void        aisle_signin_page_set_branch_id (AisleSigninPage *self,
                                             const char      *branch_id);
void        aisle_signin_page_reload        (AisleSigninPage *self);
void        aisle_signin_page_select_staff  (AisleSigninPage *self,
                                             const char      *staff_id);
const char *aisle_signin_page_get_selected  (AisleSigninPage *self);
int         aisle_signin_page_get_n_staff   (AisleSigninPage *self);
gboolean    aisle_signin_page_get_busy      (AisleSigninPage *self);
void        aisle_signin_page_reset         (AisleSigninPage *self);

G_END_DECLS
