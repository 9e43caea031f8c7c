/* aisle-kiosk-join-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Joining works offline: the enrolment is a `member.enrol` mutation, applied to the cache and
 * queued in the outbox at once. When the hub is reachable the page waits a few seconds for it,
 * so the card can show the member number and a number that the hub already knows gets the
 * neutral answer; otherwise the card says the number comes when the kiosk is online.
 *
 * A number this kiosk already knows is answered without sending anything. The answer is the
 * same neutral sentence either way: it names nobody.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "aisle-kiosk-join-page.h"
#include "aisle-kiosk-keypad.h"
#include "aisle-kiosk-qr.h"
#include "aisle-kiosk-shell.h"
#include "aisle-model.h"
#include "aisle-store-kiosk.h"

/* The policy version the consent refers to; bump it with the policy text. */
#define POLICY_VERSION "2026-01"
/* How long the page waits for the hub's answer before showing the card anyway. */
#define WAIT_FOR_HUB_MS 8000
#define POLL_MS 250
/* Enrolment links for the shopper's phone stay valid for a day. */
#define ENROL_LINK_SECONDS (24 * 3600)

struct _AisleKioskJoinPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkButton        *cancel_button;
  GtkBox           *columns;
  GtkLabel         *error_label;
  AisleKioskKeypad *keypad;
  GtkButton        *join_button;
  GtkCheckButton   *marketing_check;
  GtkLabel         *month_label;
  GtkButton        *month_next_button;
  GtkButton        *month_prev_button;
  GtkEntry         *name_entry;
  GtkButton        *phone_back_button;
  GtkEntry         *phone_entry;
  GtkLabel         *phone_error_label;
  GtkButton        *phone_join_button;
  GtkLabel         *phone_join_label;
  GtkPicture       *phone_qr_picture;
  GtkButton        *policy_back_button;
  GtkButton        *policy_button;
  GtkLabel         *policy_label;
  GtkCheckButton   *privacy_check;
  GtkLabel         *referral_label;
  GtkSpinner       *spinner;
  GtkStack         *stack;

  /* Borrowed */
  AisleKioskShell  *shell;

  /* Owned: the one shopper's enrolment in flight */
  char             *referral_staff_id;
  char             *member_id;
  char             *name;
  gint64            mutation_id;
  gint64            wait_deadline;
  guint             month;             /* 1-12, 0 not given */
  guint             poll_source;
};

G_DEFINE_FINAL_TYPE (AisleKioskJoinPage, aisle_kiosk_join_page, GTK_TYPE_WIDGET)

static const char *
policy_text (void)
{
  /* Translators: the privacy policy shown before joining. Its SHA-256 is recorded with the
   * consent, so the record says which words the member agreed to. */
  return _("We keep your name, mobile number and, if you give it, your birthday month to run "
           "your membership: to find your account at the counter, credit points for what you "
           "buy in our stores and online, and keep your member card working.\n\n"
           "We record which store and which member of staff helped you, so that they can be "
           "credited. We never sell your data. Only our staff and the companies that run our "
           "systems for us can see it, and only for your membership.\n\n"
           "Offers and news are sent only if you tick “Send me offers and news”. You can change "
           "your mind at any time at the counter or online, and you can ask us to show, correct "
           "or delete what we keep about you.\n\n"
           "We keep your data while you are a member and for two years after your last visit, "
           "then delete it, except what the law requires us to keep for invoices.\n\n"
           "This kiosk is shared: it forgets what you typed when you finish or after a short "
           "time without a touch.");
}

static void
set_error (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static char *
valid_phone (AisleKioskJoinPage *self)
{
  return aisle_phone_normalize (gtk_editable_get_text (GTK_EDITABLE (self->phone_entry)));
}

static void
on_phone_changed_cb (AisleKioskJoinPage *self)
{
  g_autofree char *phone = valid_phone (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->phone_entry));
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    digits += g_ascii_isdigit (*p) ? 1 : 0;
  /* Say what is wrong only once the number is long enough to judge. */
  if (phone == NULL && digits >= 10)
    set_error (self->phone_error_label,
               _("This is not a Taiwanese mobile number. It starts with 09 and has 10 digits."));
  else
    set_error (self->phone_error_label, NULL);
  set_error (self->error_label, NULL);
}

static void
on_name_changed_cb (AisleKioskJoinPage *self)
{
  set_error (self->error_label, NULL);
}

static void
on_privacy_toggled_cb (AisleKioskJoinPage *self)
{
  set_error (self->error_label, NULL);
}

/* A month stepper rather than a drop-down: two large targets, no popover to dismiss. */
static const char * const months[] = {
  /* Translators: no birthday month given */
  N_("Not given"), N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
  N_("June"), N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
  N_("December"),
};

static void
update_month (AisleKioskJoinPage *self)
{
  g_autofree char *description = NULL;

  gtk_label_set_label (self->month_label, _(months[self->month]));
  /* Translators: the accessible description of the month stepper, e.g. "Birthday month: March" */
  description = g_strdup_printf (_("Birthday month: %s"), _(months[self->month]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
on_month_prev_clicked_cb (AisleKioskJoinPage *self)
{
  self->month = (self->month + G_N_ELEMENTS (months) - 1) % G_N_ELEMENTS (months);
  update_month (self);
}

static void
on_month_next_clicked_cb (AisleKioskJoinPage *self)
{
  self->month = (self->month + 1) % G_N_ELEMENTS (months);
  update_month (self);
}

static void
on_policy_clicked_cb (AisleKioskJoinPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "policy");
}

static void
on_back_clicked_cb (AisleKioskJoinPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "form");
}

static void
on_cancel_clicked_cb (AisleKioskJoinPage *self)
{
  aisle_kiosk_shell_reset (self->shell);
}

static void
on_phone_join_clicked_cb (AisleKioskJoinPage *self)
{
  const AisleKioskIdentity *identity = aisle_kiosk_shell_get_identity (self->shell);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (identity != NULL && identity->has_secret_key && identity->hub_url != NULL &&
      identity->store_id != NULL)
    link = aisle_codes_sign_enrol_link (identity->hub_url, identity->store_id,
                                        self->referral_staff_id, now, now + ENROL_LINK_SECONDS,
                                        identity->secret_key, &error);
  if (link != NULL)
    texture = aisle_kiosk_qr_texture_new (link, 6, &error);
  if (texture == NULL)
    {
      if (error != NULL)
        g_warning ("Could not make the enrolment code: %s", error->message);
      gtk_label_set_label (self->phone_join_label,
                           _("Joining on your phone is not available on this kiosk yet. "
                             "Please join here instead."));
      gtk_widget_set_visible (GTK_WIDGET (self->phone_qr_picture), FALSE);
    }
  gtk_picture_set_paintable (self->phone_qr_picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "phone");
}

/* --- joining ------------------------------------------------------------------------------- */

typedef struct
{
  char   *phone;
  char   *member_id;
  gint64  mutation_id;
} JoinJob;

static void
join_job_free (JoinJob *job)
{
  g_free (job->phone);
  g_free (job->member_id);
  g_free (job);
}

static void
show_failure (AisleKioskJoinPage *self,
              const char         *text)
{
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "form");
  set_error (self->error_label, text);
}

static void
show_card (AisleKioskJoinPage *self,
           const char         *number)
{
  gtk_spinner_stop (self->spinner);
  aisle_kiosk_shell_show_card (self->shell, self->name, self->member_id, number,
                               self->mutation_id);
}

static gboolean poll_outcome_cb (gpointer user_data);

static gpointer
outcome_job (AisleStore  *store,
             gpointer     data,
             GCancellable  *cancellable,
             GError     **error)
{
  JoinJob *job = data;

  return aisle_store_kiosk_get_outcome (store, job->mutation_id, job->member_id, NULL, error);
}

static void
on_outcome_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AisleKioskJoinPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleKioskOutcome) outcome = aisle_worker_run_finish (AISLE_WORKER (object), result,
                                                                  &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (outcome == NULL || (outcome->state == AISLE_KIOSK_OUTCOME_PENDING &&
                          g_get_monotonic_time () / 1000 >= self->wait_deadline))
    {
      /* Offline or slow: the enrolment is safe in the outbox; the number comes later. */
      show_card (self, NULL);
      return;
    }
  switch (outcome->state)
    {
    case AISLE_KIOSK_OUTCOME_PENDING:
      self->poll_source = g_timeout_add (POLL_MS, poll_outcome_cb, self);
      break;

    case AISLE_KIOSK_OUTCOME_REJECTED:
      g_debug ("enrolment rejected: %s: %s", outcome->code, outcome->message);
      show_failure (self, _("Sorry, we could not create your membership. Please ask one of "
                            "our staff for help."));
      break;

    case AISLE_KIOSK_OUTCOME_APPLIED:
    default:
      /* Applied but our member is gone: the hub made it an alias of a member it already
       * had. Same neutral answer as a number known here. */
      if (outcome->member == NULL)
        aisle_kiosk_shell_show_notice (self->shell);
      else
        show_card (self, outcome->member->number);
      break;
    }
}

static gboolean
poll_outcome_cb (gpointer user_data)
{
  AisleKioskJoinPage *self = user_data;
  AisleWorker *worker = aisle_kiosk_shell_get_worker (self->shell);
  JoinJob *job;

  self->poll_source = 0;
  if (worker == NULL)
    {
      show_card (self, NULL);
      return G_SOURCE_REMOVE;
    }
  job = g_new0 (JoinJob, 1);
  job->member_id = g_strdup (self->member_id);
  job->mutation_id = self->mutation_id;
  aisle_worker_run_async (worker, G_PRIORITY_DEFAULT, outcome_job, job,
                          (GDestroyNotify) join_job_free,
                          (GDestroyNotify) aisle_kiosk_outcome_free,
                          aisle_kiosk_shell_get_cancellable (self->shell), on_outcome_cb, self);
  return G_SOURCE_REMOVE;
}

static void
on_referral_mutated_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (aisle_sync_client_mutate_finish (AISLE_SYNC_CLIENT (object), result, &error) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not record the referral: %s", error->message);
}

static void
on_enrol_mutated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AisleKioskJoinPage *self = user_data;
  AisleSyncClient *client = AISLE_SYNC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  gint64 id = aisle_sync_client_mutate_finish (client, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (id == 0)
    {
      g_warning ("Could not save an enrolment: %s", error->message);
      show_failure (self, _("Sorry, this kiosk could not save your membership. Please ask one "
                            "of our staff for help."));
      return;
    }
  self->mutation_id = id;

  if (self->referral_staff_id != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *binding_id = aisle_uuid_new ();
      g_autofree char *args = NULL;

      /* The associate who helped is bound to the new member (專員綁定), as if they had
       * scanned the member's card on their tablet. */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "binding_id");
      json_builder_add_string_value (builder, binding_id);
      json_builder_set_member_name (builder, "member_id");
      json_builder_add_string_value (builder, self->member_id);
      json_builder_set_member_name (builder, "associate_id");
      json_builder_add_string_value (builder, self->referral_staff_id);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, "referral");
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      args = json_to_string (root, FALSE);
      aisle_sync_client_mutate_async (client, "binding.create", args, self->referral_staff_id,
                                      NULL, on_referral_mutated_cb, NULL);
    }

  if (!aisle_sync_client_get_online (client) || !aisle_sync_client_get_paired (client))
    {
      show_card (self, NULL);
      return;
    }
  aisle_sync_client_sync_now (client);
  self->wait_deadline = g_get_monotonic_time () / 1000 + WAIT_FOR_HUB_MS;
  self->poll_source = g_timeout_add (POLL_MS, poll_outcome_cb, self);
}

static char *
enrol_args (AisleKioskJoinPage *self,
            const char         *phone)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, policy_text (), -1);
  guint month = self->month;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "member_id");
  json_builder_add_string_value (builder, self->member_id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "phone");
  json_builder_add_string_value (builder, phone);
  if (month >= 1 && month <= 12)
    {
      json_builder_set_member_name (builder, "birth_month");
      json_builder_add_int_value (builder, month);
    }
  json_builder_set_member_name (builder, "consent");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "policy_version");
  json_builder_add_string_value (builder, POLICY_VERSION);
  json_builder_set_member_name (builder, "text_hash");
  json_builder_add_string_value (builder, hash);
  json_builder_set_member_name (builder, "privacy");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "marketing");
  json_builder_add_boolean_value (builder, gtk_check_button_get_active (self->marketing_check));
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, "kiosk");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gpointer
phone_known_job (AisleStore  *store,
                 gpointer     data,
                 GCancellable  *cancellable,
                 GError     **error)
{
  JoinJob *job = data;
  gboolean known = FALSE;

  if (!aisle_store_kiosk_phone_known (store, job->phone, &known, error))
    return NULL;
  return GINT_TO_POINTER (known ? 2 : 1);
}

static void
on_phone_known_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AisleKioskJoinPage *self = user_data;
  g_autoptr(GError) error = NULL;
  int answer = GPOINTER_TO_INT (aisle_worker_run_finish (AISLE_WORKER (object), result, &error));
  AisleSyncClient *client = aisle_kiosk_shell_get_sync_client (self->shell);
  g_autofree char *phone = NULL;
  g_autofree char *args = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == 2)
    {
      gtk_spinner_stop (self->spinner);
      aisle_kiosk_shell_show_notice (self->shell);
      return;
    }
  if (answer == 0 || client == NULL)
    {
      if (error != NULL)
        g_warning ("Could not check a phone number: %s", error->message);
      show_failure (self, _("Sorry, this kiosk cannot take new members right now. Please ask "
                            "one of our staff for help."));
      return;
    }
  phone = valid_phone (self);
  args = enrol_args (self, phone);
  aisle_sync_client_mutate_async (client, "member.enrol", args, NULL,
                                  aisle_kiosk_shell_get_cancellable (self->shell),
                                  on_enrol_mutated_cb, self);
}

static void
on_join_clicked_cb (AisleKioskJoinPage *self)
{
  AisleWorker *worker = aisle_kiosk_shell_get_worker (self->shell);
  g_autofree char *phone = valid_phone (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  JoinJob *job;

  if (phone == NULL)
    {
      set_error (self->error_label, _("Please enter your mobile number: 09 and 8 more digits."));
      gtk_widget_grab_focus (GTK_WIDGET (self->phone_entry));
      return;
    }
  if (*name == '\0')
    {
      set_error (self->error_label, _("Please enter your name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  if (!gtk_check_button_get_active (self->privacy_check))
    {
      set_error (self->error_label, _("To join, please agree to the privacy policy."));
      return;
    }
  if (worker == NULL)
    {
      set_error (self->error_label, _("This kiosk is still starting. Please try again in a moment."));
      return;
    }

  g_free (self->name);
  self->name = g_steal_pointer (&name);
  g_free (self->member_id);
  self->member_id = aisle_uuid_new ();
  gtk_stack_set_visible_child_name (self->stack, "working");
  gtk_spinner_start (self->spinner);

  job = g_new0 (JoinJob, 1);
  job->phone = g_steal_pointer (&phone);
  aisle_worker_run_async (worker, G_PRIORITY_DEFAULT, phone_known_job, job,
                          (GDestroyNotify) join_job_free, NULL,
                          aisle_kiosk_shell_get_cancellable (self->shell), on_phone_known_cb,
                          self);
}

/* --- referral by badge --------------------------------------------------------------------- */

static gpointer
staff_job (AisleStore  *store,
           gpointer     data,
           GCancellable  *cancellable,
           GError     **error)
{
  return aisle_store_get_staff (store, data, error);
}

static void
on_staff_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AisleKioskJoinPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStaff) staff = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (staff == NULL || !staff->active)
    {
      gtk_label_set_label (self->referral_label,
                           _("This staff badge is not known at this store."));
      return;
    }
  g_free (self->referral_staff_id);
  self->referral_staff_id = g_strdup (staff->id);
  /* Translators: %s is the staff member's name; they scanned their badge to be credited. */
  text = g_strdup_printf (_("Helped by %s"), staff->name);
  gtk_label_set_label (self->referral_label, text);
}

void
aisle_kiosk_join_page_handle_code (AisleKioskJoinPage *self,
                                   AisleCode          *code)
{
  AisleWorker *worker;

  g_return_if_fail (AISLE_IS_KIOSK_JOIN_PAGE (self));

  worker = aisle_kiosk_shell_get_worker (self->shell);
  if (aisle_code_get_kind (code) != AISLE_CODE_KIND_STAFF_BADGE || !aisle_code_is_valid (code) ||
      worker == NULL)
    return;
  aisle_worker_run_async (worker, G_PRIORITY_DEFAULT, staff_job,
                          g_strdup (aisle_code_lookup_field (code, "staff_id")), g_free,
                          (GDestroyNotify) aisle_staff_free,
                          aisle_kiosk_shell_get_cancellable (self->shell), on_staff_found_cb,
                          self);
}

/* --- GObject ------------------------------------------------------------------------------- */

static void
aisle_kiosk_join_page_dispose (GObject *object)
{
  AisleKioskJoinPage *self = AISLE_KIOSK_JOIN_PAGE (object);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_KIOSK_JOIN_PAGE);

  G_OBJECT_CLASS (aisle_kiosk_join_page_parent_class)->dispose (object);
}

static void
aisle_kiosk_join_page_finalize (GObject *object)
{
  AisleKioskJoinPage *self = AISLE_KIOSK_JOIN_PAGE (object);

  g_free (self->referral_staff_id);
  g_free (self->member_id);
  g_free (self->name);

  G_OBJECT_CLASS (aisle_kiosk_join_page_parent_class)->finalize (object);
}

static void
aisle_kiosk_join_page_class_init (AisleKioskJoinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_kiosk_join_page_dispose;
  object_class->finalize = aisle_kiosk_join_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-kiosk-join-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, columns);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, join_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, keypad);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, marketing_check);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, month_next_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, month_prev_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, phone_back_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, phone_error_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, phone_join_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, phone_join_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, phone_qr_picture);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, policy_back_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, policy_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, privacy_check);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, referral_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskJoinPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_join_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_prev_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_phone_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_phone_join_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_policy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_privacy_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislekioskjoinpage");
  g_type_ensure (AISLE_TYPE_KIOSK_KEYPAD);
}

static void
aisle_kiosk_join_page_init (AisleKioskJoinPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_label (self->policy_label, policy_text ());
  update_month (self);
}

GtkWidget *
aisle_kiosk_join_page_new (AisleKioskShell *shell)
{
  AisleKioskJoinPage *self = g_object_new (AISLE_TYPE_KIOSK_JOIN_PAGE, NULL);

  self->shell = shell;
  return GTK_WIDGET (self);
}
