/* aisle-sync-status.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include "aisle-sync-status.h"

struct _AisleSyncStatus
{
  GObject  parent_instance;

  gboolean online;
  gboolean syncing;
  guint    pending;        /* mutations in the outbox not yet acknowledged by the hub */
  gint64   last_success;   /* Unix seconds of the last complete push+pull, 0 never */
  char    *last_error;     /* owned; NULL after a success */
};

G_DEFINE_FINAL_TYPE (AisleSyncStatus, aisle_sync_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ONLINE,
  PROP_SYNCING,
  PROP_PENDING,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
aisle_sync_status_finalize (GObject *object)
{
  AisleSyncStatus *self = (AisleSyncStatus *)object;

  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (aisle_sync_status_parent_class)->finalize (object);
}

static void
aisle_sync_status_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AisleSyncStatus *self = AISLE_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;

    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;

    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_sync_status_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AisleSyncStatus *self = AISLE_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      aisle_sync_status_set_online (self, g_value_get_boolean (value));
      break;

    case PROP_SYNCING:
      aisle_sync_status_set_syncing (self, g_value_get_boolean (value));
      break;

    case PROP_PENDING:
      aisle_sync_status_set_pending (self, g_value_get_uint (value));
      break;

    case PROP_LAST_SUCCESS:
      aisle_sync_status_set_last_success (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_ERROR:
      aisle_sync_status_set_last_error (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_sync_status_class_init (AisleSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aisle_sync_status_finalize;
  object_class->get_property = aisle_sync_status_get_property;
  object_class->set_property = aisle_sync_status_set_property;

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aisle_sync_status_init (AisleSyncStatus *self)
{
}

AisleSyncStatus *
aisle_sync_status_new (void)
{
  return g_object_new (AISLE_TYPE_SYNC_STATUS, NULL);
}

gboolean
aisle_sync_status_get_online (AisleSyncStatus *self)
{
  g_return_val_if_fail (AISLE_IS_SYNC_STATUS (self), FALSE);

  return self->online;
}

void
aisle_sync_status_set_online (AisleSyncStatus *self,
                              gboolean         online)
{
  g_return_if_fail (AISLE_IS_SYNC_STATUS (self));

  online = !!online;
  if (self->online != online)
    {
      self->online = online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
}

gboolean
aisle_sync_status_get_syncing (AisleSyncStatus *self)
{
  g_return_val_if_fail (AISLE_IS_SYNC_STATUS (self), FALSE);

  return self->syncing;
}

void
aisle_sync_status_set_syncing (AisleSyncStatus *self,
                               gboolean         syncing)
{
  g_return_if_fail (AISLE_IS_SYNC_STATUS (self));

  syncing = !!syncing;
  if (self->syncing != syncing)
    {
      self->syncing = syncing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
    }
}

guint
aisle_sync_status_get_pending (AisleSyncStatus *self)
{
  g_return_val_if_fail (AISLE_IS_SYNC_STATUS (self), 0);

  return self->pending;
}

void
aisle_sync_status_set_pending (AisleSyncStatus *self,
                               guint            pending)
{
  g_return_if_fail (AISLE_IS_SYNC_STATUS (self));

  if (self->pending != pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
}

gint64
aisle_sync_status_get_last_success (AisleSyncStatus *self)
{
  g_return_val_if_fail (AISLE_IS_SYNC_STATUS (self), 0);

  return self->last_success;
}

void
aisle_sync_status_set_last_success (AisleSyncStatus *self,
                                    gint64           last_success)
{
  g_return_if_fail (AISLE_IS_SYNC_STATUS (self));

  if (self->last_success != last_success)
    {
      self->last_success = last_success;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
    }
}

const char *
aisle_sync_status_get_last_error (AisleSyncStatus *self)
{
  g_return_val_if_fail (AISLE_IS_SYNC_STATUS (self), NULL);

  return self->last_error;
}

void
aisle_sync_status_set_last_error (AisleSyncStatus *self,
                                  const char      *last_error)
{
  g_return_if_fail (AISLE_IS_SYNC_STATUS (self));

  /* g_set_str() is GLib 2.76; we target 2.74. */
  if (g_strcmp0 (self->last_error, last_error) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (last_error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}
