/* aisle-session.h: who is signed in on a staff tablet, and the idle sign-out.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aisle-model.h"

G_BEGIN_DECLS

/* Signed out after five minutes without a touch, a key or a scan. */
#define AISLE_SESSION_DEFAULT_IDLE_SECONDS 300

#define AISLE_TYPE_SESSION (aisle_session_get_type ())

G_DECLARE_FINAL_TYPE (AisleSession, aisle_session, AISLE, SESSION, GObject)

AisleSession     *aisle_session_new              (void);
const AisleStaff *aisle_session_get_staff        (AisleSession     *self);
const char       *aisle_session_get_staff_id     (AisleSession     *self);
gboolean          aisle_session_get_signed_in    (AisleSession     *self);
gboolean          aisle_session_get_is_manager   (AisleSession     *self);
guint             aisle_session_get_idle_seconds (AisleSession     *self);
void              aisle_session_set_idle_seconds (AisleSession     *self,
                                                  guint             seconds);
void              aisle_session_sign_in          (AisleSession     *self,
                                                  const AisleStaff *staff);
void              aisle_session_sign_out         (AisleSession     *self);
void              aisle_session_touch            (AisleSession     *self);

G_END_DECLS
