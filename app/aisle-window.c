/* aisle-window.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens the device cache off the main loop, hands it to an AisleWorker, and shows
 * the pages of its mode in one GtkStack: the staff tablet's member search, or the kiosk's
 * welcome screen. Later pages (sign-in, profile, stock; the kiosk flows) are added to the same
 * stack by name in add_mode_pages().
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aisle-application.h"
#include "aisle-attention-dialog.h"
#include "aisle-kiosk-shell.h"
#include "aisle-member-search-page.h"
#include "aisle-pairing-page.h"
#include "aisle-scan-page.h"
#include "aisle-store.h"
#include "aisle-sync.h"
#include "aisle-sync-indicator.h"
#include "aisle-wedge.h"
#include "aisle-window.h"
#include "aisle-window-private.h"


G_DEFINE_FINAL_TYPE (AisleWindow, aisle_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MODE,
  PROP_CACHE_PATH,
  PROP_SYNC_STATUS,
  PROP_WORKER,
  PROP_LOADING,
  PROP_SYNC_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CODE_SCANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------
 * Opening the cache (on a GTask thread; the store then belongs to the worker's thread)
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  AisleStore *store;
  char       *recovered_from;   /* set when a corrupt cache was moved aside: the store's message */
} OpenResult;

static void
open_result_free (OpenResult *result)
{
  g_clear_object (&result->store);
  g_clear_pointer (&result->recovered_from, g_free);
  g_free (result);
}

static void
open_cache_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  OpenResult *result;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               /* Translators: %s is a folder, then the system's reason */
                               _("Could not create the folder %s: %s"),
                               dir, g_strerror (saved_errno));
      return;
    }

  result = g_new0 (OpenResult, 1);
  store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);

  /* The store has moved the damaged file aside (never deleted it); start a fresh cache in
   * its place so the device keeps working, and tell staff what happened. */
  if (store == NULL && g_error_matches (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CORRUPT))
    {
      result->recovered_from = g_strdup (error->message);
      g_clear_error (&error);
      store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);
    }

  if (store == NULL)
    {
      open_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->store = g_steal_pointer (&store);
  g_task_return_pointer (task, result, (GDestroyNotify)open_result_free);
}

static void
set_loading (AisleWindow *self,
             gboolean     loading)
{
  loading = !!loading;
  if (self->loading != loading)
    {
      self->loading = loading;
      gtk_spinner_set_spinning (self->loading_spinner, loading);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void start_sync (AisleWindow *self);

static void
set_worker (AisleWindow *self,
            AisleWorker *worker)
{
  if (!g_set_object (&self->worker, worker))
    return;
  start_sync (self);

  if (AISLE_IS_MEMBER_SEARCH_PAGE (self->home_page))
    aisle_member_search_page_set_worker (AISLE_MEMBER_SEARCH_PAGE (self->home_page), worker);
  _aisle_window_tablet_set_worker (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKER]);
}

void
_aisle_window_show_home_page (AisleWindow *self)
{
  /* A tablet shows sign-in until someone signs in. */
  if (_aisle_window_tablet_show_home (self))
    return;
  gtk_stack_set_visible_child (self->stack, self->home_page);
  gtk_widget_grab_focus (self->home_page);
  if (self->mode == AISLE_MODE_TABLET)
    adw_window_title_set_subtitle (self->window_title, _("Members"));
}

/* ------------------------------------------------------------------------------------------
 * Sync (issue 5): the client drives the shared AisleSyncStatus; an unpaired device shows the
 * pairing page until it has a token.
 */

static void
on_paired_cb (AisleWindow *self)
{
  if (gtk_stack_get_visible_child (self->stack) == self->pairing_page)
    _aisle_window_show_home_page (self);
  /* Online lookup is for staff tablets; the hub refuses it to kiosks anyway. */
  if (AISLE_IS_MEMBER_SEARCH_PAGE (self->home_page) &&
      g_strcmp0 (aisle_sync_client_get_mode (self->sync_client), "tablet") == 0)
    aisle_member_search_page_set_sync_client (AISLE_MEMBER_SEARCH_PAGE (self->home_page),
                                              self->sync_client);
  _aisle_window_tablet_paired (self);
  aisle_sync_client_start (self->sync_client);
}

static void
on_sync_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(AisleWindow) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  GApplication *app;
  GSettings *settings;
  g_autofree char *hub_url = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  /* The window may have closed meanwhile, or opened another cache. */
  if (self == NULL || self->sync_client != AISLE_SYNC_CLIENT (object))
    return;
  if (!aisle_sync_client_load_finish (AISLE_SYNC_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("sync: %s", error->message);
      return;
    }
  app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  settings = AISLE_IS_APPLICATION (app) ? aisle_application_get_settings (AISLE_APPLICATION (app))
                                        : NULL;
  hub_url = settings != NULL ? g_settings_get_string (settings, "hub-url") : NULL;
  if (aisle_sync_client_get_paired (self->sync_client))
    {
      on_paired_cb (self);
      return;
    }
  /* The schema's contract: with no hub-url the device works offline on its cache. */
  if (hub_url == NULL || *hub_url == '\0')
    return;
  self->pairing_page = aisle_pairing_page_new ();
  aisle_pairing_page_set_client (AISLE_PAIRING_PAGE (self->pairing_page), self->sync_client);
  aisle_pairing_page_set_hub_url (AISLE_PAIRING_PAGE (self->pairing_page), hub_url);
  g_signal_connect_object (self->pairing_page, "paired", G_CALLBACK (on_paired_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, self->pairing_page, "pairing");
  gtk_stack_set_visible_child (self->stack, self->pairing_page);
}

static void
start_sync (AisleWindow *self)
{
  const char *props[] = { "online", "syncing", "pending", "last-success", "last-error" };
  GWeakRef *weak;

  if (self->sync_client != NULL)
    aisle_sync_client_stop (self->sync_client);
  g_clear_object (&self->sync_client);
  /* The kiosk is public: rejected changes can name members, so staff read them on a tablet. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.show-attention",
                                 self->mode != AISLE_MODE_KIOSK);
  if (self->worker == NULL)
    return;
  self->sync_client = aisle_sync_client_new (self->worker, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    g_object_bind_property (self->sync_client, props[i], self->sync_status, props[i],
                            G_BINDING_SYNC_CREATE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_CLIENT]);
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  aisle_sync_client_load_async (self->sync_client, self->cancellable, on_sync_loaded_cb, weak);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AisleWindow *self = AISLE_WINDOW (widget);

  if (self->sync_client != NULL)
    aisle_sync_client_sync_now (self->sync_client);
}

static void
show_attention_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AisleWindow *self = AISLE_WINDOW (widget);
  GtkWidget *dialog;

  if (self->sync_client == NULL)
    return;
  /* The refused changes name members: on a tablet only staff who signed in read them. */
  if (!_aisle_window_tablet_may_show_members (self))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Sign in first to see the changes that need attention")));
      return;
    }
  if (self->attention_dialog != NULL)
    {
      gtk_window_present (self->attention_dialog);
      return;
    }
  dialog = aisle_attention_dialog_new (GTK_WINDOW (self), self->sync_client);
  g_set_weak_pointer (&self->attention_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_cache_ready_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  AisleWindow *self = AISLE_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleWorker) worker = NULL;
  OpenResult *opened;

  opened = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);

  if (opened == NULL)
    {
      g_autofree char *description = NULL;

      g_warning ("could not open the cache %s: %s", self->cache_path, error->message);
      /* Translators: %s is the reason, e.g. "permission denied" */
      description = g_strdup_printf (_("Aisle needs its cache file to work. %s"), error->message);
      adw_status_page_set_description (self->failed_page, description);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }

  worker = aisle_worker_new (opened->store);
  set_worker (self, worker);
  _aisle_window_show_home_page (self);

  if (opened->recovered_from != NULL)
    {
      AdwToast *toast;

      g_message ("the cache %s was corrupt and was replaced by a fresh one: %s",
                 self->cache_path, opened->recovered_from);
      g_free (self->recovery_detail);
      self->recovery_detail = g_steal_pointer (&opened->recovered_from);

      toast = adw_toast_new (_("The cache was damaged: it was moved aside and a fresh cache was started"));
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "window.show-recovery-details");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  open_result_free (opened);
}

static void
aisle_window_open_cache (AisleWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self->cache_path != NULL);

  set_loading (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (self, self->cancellable, on_open_cache_ready_cb, NULL);
  g_task_set_name (task, "aisle_window_open_cache");
  g_task_set_task_data (task, g_strdup (self->cache_path), g_free);
  g_task_run_in_thread (task, open_cache_thread);
}

/* ------------------------------------------------------------------------------------------
 * Actions and callbacks
 * ------------------------------------------------------------------------------------------ */

static void
retry_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  aisle_window_open_cache (AISLE_WINDOW (widget));
}

static void
show_recovery_details_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  AisleWindow *self = AISLE_WINDOW (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("The cache file could not be read, so Aisle moved it aside (it was not deleted) and started a fresh, empty cache. Members, products and stock come back with the next sync with the hub. IT can inspect the damaged file.\n\n%s"),
                          self->recovery_detail != NULL ? self->recovery_detail : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Fresh Cache Started"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_member_activated_cb (AisleWindow       *self,
                        const AisleMember *member,
                        GtkWidget         *page)
{
  _aisle_window_tablet_open_member (self, member->id);
}

static gboolean
on_window_close_request_cb (AisleWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------
 * Scanning: every code, from the camera, a wedge scanner or typed, goes through one dispatcher
 * ------------------------------------------------------------------------------------------ */

static void
show_scan_page (AisleWindow *self)
{
  if (self->scan_page == NULL)
    return;
  gtk_stack_set_visible_child (self->stack, self->scan_page);
  gtk_widget_grab_focus (self->scan_page);
  adw_window_title_set_subtitle (self->window_title, _("Scan"));
}

void
_aisle_window_show_member_search (AisleWindow *self,
                                  const char  *query)
{
  if (!AISLE_IS_MEMBER_SEARCH_PAGE (self->home_page) || self->worker == NULL)
    return;
  _aisle_window_show_home_page (self);
  aisle_member_search_page_search (AISLE_MEMBER_SEARCH_PAGE (self->home_page), query);
}

static gpointer
find_card_member_thread (AisleStore    *store,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return aisle_store_get_member (store, data, error);
}

static void
on_card_member_found_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  AisleWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) member = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The task belongs to the window's cancellable, so the window is alive here. */
  if (member == NULL || member->number == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("This member card’s member is not in this store’s records yet")));
      return;
    }
  _aisle_window_show_member_search (self, member->number);
}

/* What the tablet does with a code; later pages (profile, stock, coupons, invoices) hook in
 * here, or connect to AisleWindow::code-scanned. */
static void
act_on_code (AisleWindow     *self,
             AisleCode       *code,
             AisleScanSource  source)
{
  const AisleToken *token;

  if (self->mode != AISLE_MODE_TABLET)
    return;
  /* Before pairing, only the pairing page (which listens to code-scanned) takes codes. */
  if (self->pairing_page != NULL &&
      gtk_stack_get_visible_child (self->stack) == self->pairing_page)
    return;
  if (_aisle_window_tablet_act_on_code (self, code, source))
    return;

  switch (aisle_code_get_kind (code))
    {
    case AISLE_CODE_KIND_MEMBER_NUMBER:
      if (aisle_code_is_valid (code) && self->worker != NULL)
        {
          _aisle_window_show_member_search (self, aisle_code_lookup_field (code, "member_number"));
          return;
        }
      break;

    case AISLE_CODE_KIND_MEMBER_CARD:
      token = aisle_code_get_token (code);
      if (aisle_code_is_valid (code) && token->member_id != NULL && self->worker != NULL)
        {
          aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, find_card_member_thread,
                                  g_strdup (token->member_id), g_free,
                                  (GDestroyNotify) aisle_member_free, self->cancellable,
                                  on_card_member_found_cb, self);
          return;
        }
      break;

    default:
      break;
    }

  /* Everything else (and unusable member codes) is shown in words on the scan page. */
  _aisle_window_explain_code (self, code, source);
}

/* Says on the scan page what @code is (shown at once for a wedge scan, which arrives on any
 * page; the camera and typed codes come from the scan page itself). */
void
_aisle_window_explain_code (AisleWindow     *self,
                            AisleCode       *code,
                            AisleScanSource  source)
{
  if (self->scan_page == NULL)
    return;
  aisle_scan_page_show_code (AISLE_SCAN_PAGE (self->scan_page), code, source);
  if (source == AISLE_SCAN_SOURCE_WEDGE)
    show_scan_page (self);
}

/**
 * aisle_window_dispatch_scan:
 * @self: the window
 * @source: where the code came from
 * @data: the raw bytes
 * @length: the length of @data
 * @symbology: what the decoder saw, %AISLE_SYMBOLOGY_NONE if not known
 *
 * Classifies a scanned code, emits #AisleWindow::code-scanned and acts on it.
 */
void
aisle_window_dispatch_scan (AisleWindow     *self,
                            AisleScanSource  source,
                            const guint8    *data,
                            gsize            length,
                            AisleSymbology   symbology)
{
  AisleCodesContext context = { 0 };
  g_autoptr(AisleCode) code = NULL;

  g_return_if_fail (AISLE_IS_WINDOW (self));
  g_return_if_fail (data != NULL || length == 0);

  context.symbology = symbology;
  /* Member cards and links verify against the paired device's keys (none before pairing). */
  context.key_ring = self->keys != NULL ? self->keys->key_ring : NULL;
  code = aisle_codes_classify (data, length, &context);
  g_debug ("scanned (%d): %s", source, aisle_code_get_kind_name (code));

  g_signal_emit (self, signals[CODE_SCANNED], 0, code, source);
  act_on_code (self, code, source);
}

static void
on_wedge_scanned_cb (AisleWindow *self,
                     const char  *text)
{
  aisle_window_dispatch_scan (self, AISLE_SCAN_SOURCE_WEDGE, (const guint8 *) text, strlen (text),
                              AISLE_SYMBOLOGY_NONE);
}

static void
on_scan_page_scanned_cb (AisleWindow     *self,
                         AisleScanSource  source,
                         GBytes          *bytes,
                         int              symbology)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  aisle_window_dispatch_scan (self, source, data != NULL ? data : (const guint8 *) "", length,
                              (AisleSymbology) symbology);
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_scan_page (AISLE_WINDOW (widget));
}

static void
show_home_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AisleWindow *self = AISLE_WINDOW (widget);

  if (self->worker != NULL)
    _aisle_window_show_home_page (self);
}

/* One place that fills the stack for the mode: later pages are added here. */
static void
add_mode_pages (AisleWindow *self)
{
  switch (self->mode)
    {
    case AISLE_MODE_KIOSK:
      /* Shared by strangers: no member search, no window controls, no menu, fullscreen. */
      self->home_page = aisle_kiosk_shell_new (self);
      gtk_stack_add_named (self->stack, self->home_page, "kiosk");
      adw_window_title_set_subtitle (self->window_title, NULL);
      adw_header_bar_set_show_start_title_buttons (self->header_bar, FALSE);
      adw_header_bar_set_show_end_title_buttons (self->header_bar, FALSE);
      adw_header_bar_remove (self->header_bar, GTK_WIDGET (self->menu_button));
      self->menu_button = NULL;
      gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
      gtk_window_fullscreen (GTK_WINDOW (self));
      break;

    case AISLE_MODE_TABLET:
    default:
      self->home_page = aisle_member_search_page_new ();
      gtk_stack_add_named (self->stack, self->home_page, "member-search");
      g_signal_connect_object (self->home_page, "member-activated",
                               G_CALLBACK (on_member_activated_cb), self, G_CONNECT_SWAPPED);
      adw_window_title_set_subtitle (self->window_title, _("Members"));
      self->scan_page = aisle_scan_page_new ();
      gtk_stack_add_named (self->stack, self->scan_page, "scan");
      g_signal_connect_object (self->scan_page, "scanned",
                               G_CALLBACK (on_scan_page_scanned_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_set_visible (GTK_WIDGET (self->scan_button), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "tablet");
      _aisle_window_tablet_add_pages (self);
      break;
    }
}

/* ------------------------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------------------------ */

static void
aisle_window_constructed (GObject *object)
{
  AisleWindow *self = (AisleWindow *)object;

  G_OBJECT_CLASS (aisle_window_parent_class)->constructed (object);

  if (self->sync_status == NULL)
    self->sync_status = aisle_sync_status_new ();
  aisle_sync_indicator_set_status (self->sync_indicator, self->sync_status);

  add_mode_pages (self);

  /* A USB scanner works on every page and in both modes. */
  self->wedge = aisle_wedge_new ();
  aisle_wedge_attach (self->wedge, GTK_WIDGET (self));
  g_signal_connect_object (self->wedge, "scanned", G_CALLBACK (on_wedge_scanned_cb), self,
                           G_CONNECT_SWAPPED);

  if (self->cache_path != NULL)
    aisle_window_open_cache (self);
}

static void
aisle_window_dispose (GObject *object)
{
  AisleWindow *self = (AisleWindow *)object;

  g_cancellable_cancel (self->cancellable);

  _aisle_window_tablet_dispose (self);
  self->home_page = NULL;
  self->scan_page = NULL;
  g_clear_object (&self->wedge);
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_WINDOW);

  if (self->sync_client != NULL)
    aisle_sync_client_stop (self->sync_client);
  g_clear_object (&self->sync_client);
  self->pairing_page = NULL;
  g_clear_object (&self->worker);
  g_clear_object (&self->sync_status);

  G_OBJECT_CLASS (aisle_window_parent_class)->dispose (object);
}

static void
aisle_window_finalize (GObject *object)
{
  AisleWindow *self = (AisleWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cache_path, g_free);
  g_clear_pointer (&self->recovery_detail, g_free);

  G_OBJECT_CLASS (aisle_window_parent_class)->finalize (object);
}

static void
aisle_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AisleWindow *self = AISLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_CACHE_PATH:
      g_value_set_string (value, self->cache_path);
      break;

    case PROP_SYNC_STATUS:
      g_value_set_object (value, self->sync_status);
      break;

    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_SYNC_CLIENT:
      g_value_set_object (value, self->sync_client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AisleWindow *self = AISLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      self->mode = g_value_get_enum (value);
      break;

    case PROP_CACHE_PATH:
      g_free (self->cache_path);
      self->cache_path = g_value_dup_string (value);
      break;

    case PROP_SYNC_STATUS:
      g_set_object (&self->sync_status, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_window_class_init (AisleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = aisle_window_constructed;
  object_class->dispose = aisle_window_dispose;
  object_class->finalize = aisle_window_finalize;
  object_class->get_property = aisle_window_get_property;
  object_class->set_property = aisle_window_set_property;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       AISLE_TYPE_MODE,
                       AISLE_MODE_TABLET,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CACHE_PATH] =
    g_param_spec_string ("cache-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SYNC_STATUS] =
    g_param_spec_object ("sync-status", NULL, NULL,
                         AISLE_TYPE_SYNC_STATUS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL,
                         AISLE_TYPE_WORKER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Created with the worker; pages that talk to the hub (online lookup, reports) follow it. */
  properties[PROP_SYNC_CLIENT] =
    g_param_spec_object ("sync-client", NULL, NULL,
                         AISLE_TYPE_SYNC_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AisleWindow::code-scanned:
   * @code: the classified code
   * @source: an #AisleScanSource
   *
   * A code was scanned (camera or wedge scanner) or typed on the scan page. Emitted before
   * the window acts on it.
   */
  signals[CODE_SCANNED] =
    g_signal_new ("code-scanned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, AISLE_TYPE_CODE, AISLE_TYPE_SCAN_SOURCE);

  gtk_widget_class_install_action (widget_class, "window.scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "window.show-home", NULL, show_home_action);
  gtk_widget_class_install_action (widget_class, "window.retry-open", NULL, retry_open_action);
  gtk_widget_class_install_action (widget_class, "window.show-recovery-details", NULL,
                                   show_recovery_details_action);
  gtk_widget_class_install_action (widget_class, "window.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "window.show-attention", NULL,
                                   show_attention_action);
  _aisle_window_tablet_class_init (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, scan_button);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AisleWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_window_close_request_cb);

  g_type_ensure (AISLE_TYPE_SYNC_INDICATOR);
}

static void
aisle_window_init (AisleWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

AisleWindow *
aisle_window_new (AdwApplication  *application,
                  AisleMode        mode,
                  const char      *cache_path,
                  AisleSyncStatus *sync_status)
{
  AisleWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!sync_status || AISLE_IS_SYNC_STATUS (sync_status), NULL);

  self = g_object_new (AISLE_TYPE_WINDOW,
                       "application", application,
                       "mode", mode,
                       "cache-path", cache_path,
                       "sync-status", sync_status,
                       NULL);
  /* Not in constructed(): "application" is not a construct property, so it is set after. */
  if (self->scan_page != NULL && AISLE_IS_APPLICATION (application))
    aisle_scan_page_set_settings (AISLE_SCAN_PAGE (self->scan_page),
                                  aisle_application_get_settings (AISLE_APPLICATION (application)));
  return self;
}

AisleMode
aisle_window_get_mode (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), AISLE_MODE_TABLET);

  return self->mode;
}

const char *
aisle_window_get_cache_path (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), NULL);

  return self->cache_path;
}

AisleSyncStatus *
aisle_window_get_sync_status (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), NULL);

  return self->sync_status;
}

AisleWorker *
aisle_window_get_worker (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), NULL);

  return self->worker;
}

gboolean
aisle_window_get_loading (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), FALSE);

  return self->loading;
}

/* The name of the page on show: "loading", "failed", "member-search", "kiosk-welcome". */
const char *
aisle_window_get_page_name (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
aisle_window_get_page (AisleWindow *self,
                       const char  *name)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}

/**
 * aisle_window_get_sync_client:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the sync client of the open cache, or %NULL before the
 *   cache is open. Watch #AisleWindow:sync-client for changes.
 */
AisleSyncClient *
aisle_window_get_sync_client (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), NULL);

  return self->sync_client;
}

AisleWedge *
aisle_window_get_wedge (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), NULL);

  return self->wedge;
}

void
aisle_window_add_toast (AisleWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (AISLE_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
