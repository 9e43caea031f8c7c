/* aisle-session.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signed-in staff member of a tablet window: their record (role decides what is shown)
 * and an idle timer. The window reports activity with aisle_session_touch(); a tablet left
 * on the counter signs itself out, so the next customer never sees the last one's profile.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include "aisle-session.h"

struct _AisleSession
{
  GObject     parent_instance;

  AisleStaff *staff;           /* owned; NULL while signed out */
  gint64      last_activity;   /* monotonic µs */
  guint       idle_seconds;
  guint       idle_source;
};

G_DEFINE_FINAL_TYPE (AisleSession, aisle_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SIGNED_IN,
  PROP_IS_MANAGER,
  PROP_STAFF_NAME,
  PROP_IDLE_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_idle_check (AisleSession *self);

static gboolean
idle_check_cb (gpointer user_data)
{
  AisleSession *self = user_data;
  gint64 idle_us = g_get_monotonic_time () - self->last_activity;

  self->idle_source = 0;
  if (self->staff == NULL)
    return G_SOURCE_REMOVE;
  if (idle_us >= (gint64) self->idle_seconds * G_USEC_PER_SEC)
    {
      g_debug ("signing %s out after %u s idle", self->staff->id, self->idle_seconds);
      aisle_session_sign_out (self);
    }
  else
    schedule_idle_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_idle_check (AisleSession *self)
{
  gint64 due_us = self->last_activity + (gint64) self->idle_seconds * G_USEC_PER_SEC;
  gint64 wait_ms = MAX (0, (due_us - g_get_monotonic_time ()) / 1000) + 1;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->staff == NULL || self->idle_seconds == 0)
    return;
  self->idle_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MIN (wait_ms, G_MAXUINT),
                                          idle_check_cb, self, NULL);
}

static void
aisle_session_dispose (GObject *object)
{
  AisleSession *self = AISLE_SESSION (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_pointer (&self->staff, aisle_staff_free);

  G_OBJECT_CLASS (aisle_session_parent_class)->dispose (object);
}

static void
aisle_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AisleSession *self = AISLE_SESSION (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->staff != NULL);
      break;

    case PROP_IS_MANAGER:
      g_value_set_boolean (value, aisle_session_get_is_manager (self));
      break;

    case PROP_STAFF_NAME:
      g_value_set_string (value, self->staff != NULL ? self->staff->name : NULL);
      break;

    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AisleSession *self = AISLE_SESSION (object);

  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      aisle_session_set_idle_seconds (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_session_class_init (AisleSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aisle_session_dispose;
  object_class->get_property = aisle_session_get_property;
  object_class->set_property = aisle_session_set_property;

  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IS_MANAGER] =
    g_param_spec_boolean ("is-manager", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STAFF_NAME] =
    g_param_spec_string ("staff-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* 0 never signs out by itself. */
  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL, 0, G_MAXUINT / 1000,
                       AISLE_SESSION_DEFAULT_IDLE_SECONDS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aisle_session_init (AisleSession *self)
{
  self->idle_seconds = AISLE_SESSION_DEFAULT_IDLE_SECONDS;
}

AisleSession *
aisle_session_new (void)
{
  return g_object_new (AISLE_TYPE_SESSION, NULL);
}

/* The signed-in staff member, or %NULL. */
const AisleStaff *
aisle_session_get_staff (AisleSession *self)
{
  g_return_val_if_fail (AISLE_IS_SESSION (self), NULL);

  return self->staff;
}

const char *
aisle_session_get_staff_id (AisleSession *self)
{
  g_return_val_if_fail (AISLE_IS_SESSION (self), NULL);

  return self->staff != NULL ? self->staff->id : NULL;
}

gboolean
aisle_session_get_signed_in (AisleSession *self)
{
  g_return_val_if_fail (AISLE_IS_SESSION (self), FALSE);

  return self->staff != NULL;
}

gboolean
aisle_session_get_is_manager (AisleSession *self)
{
  g_return_val_if_fail (AISLE_IS_SESSION (self), FALSE);

  return self->staff != NULL && self->staff->role == AISLE_STAFF_ROLE_MANAGER;
}

guint
aisle_session_get_idle_seconds (AisleSession *self)
{
  g_return_val_if_fail (AISLE_IS_SESSION (self), 0);

  return self->idle_seconds;
}

void
aisle_session_set_idle_seconds (AisleSession *self,
                                guint         seconds)
{
  g_return_if_fail (AISLE_IS_SESSION (self));

  if (self->idle_seconds == seconds)
    return;
  self->idle_seconds = seconds;
  schedule_idle_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_SECONDS]);
}

static void
notify_all (AisleSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MANAGER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

void
aisle_session_sign_in (AisleSession     *self,
                       const AisleStaff *staff)
{
  g_return_if_fail (AISLE_IS_SESSION (self));
  g_return_if_fail (staff != NULL);

  g_clear_pointer (&self->staff, aisle_staff_free);
  self->staff = aisle_staff_copy (staff);
  /* Never keep the hash around in the UI process longer than needed. */
  g_clear_pointer (&self->staff->pin_hash, g_free);
  self->last_activity = g_get_monotonic_time ();
  schedule_idle_check (self);
  notify_all (self);
}

void
aisle_session_sign_out (AisleSession *self)
{
  g_return_if_fail (AISLE_IS_SESSION (self));

  if (self->staff == NULL)
    return;
  g_clear_pointer (&self->staff, aisle_staff_free);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  notify_all (self);
}

/* Someone used the tablet: restart the idle time. Cheap enough for every input event. */
void
aisle_session_touch (AisleSession *self)
{
  g_return_if_fail (AISLE_IS_SESSION (self));

  self->last_activity = g_get_monotonic_time ();
}
