/* bench-keys.c: real key presses through the X server, for the tablet benchmark.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A keystroke typed with XTest takes the way a keyboard's or a wedge scanner's does: the X
 * server, GDK's event queue (which GTK 4 flushes on the frame clock), the window's key
 * handling and the entry's input method, then the entry's text. Setting the text from code
 * skips all of that, and with it the pacing of input by frames.
 *
 * libXtst and libX11 are loaded at run time (both are on any machine that runs GTK under X;
 * libXtst's headers are not a build dependency of Aisle). Only characters on the keymap's
 * keys (digits, Latin letters) are typed: Chinese comes from an input method's commit.
 */

#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include <X11/Xlib.h>
#include <gdk/x11/gdkx.h>

#include "bench-keys.h"

struct _BenchKeys
{
  Display  *dpy;
  void     *xtst;
  void     *x11;
  int     (*fake_key) (Display *, unsigned int, Bool, unsigned long);
  KeyCode (*keysym_to_keycode) (Display *, KeySym);
  int     (*flush) (Display *);
  int     (*sync) (Display *, Bool);
  int     (*set_input_focus) (Display *, Window, int, Time);
};

/* Stores @name's address from @lib in the function pointer at @field (ISO C has no cast from
 * dlsym()'s object pointer to a function pointer: the bytes are copied). */
static gboolean
load (void       *lib,
      const char *name,
      gpointer    field)
{
  void *symbol = lib != NULL ? dlsym (lib, name) : NULL;

  if (symbol == NULL)
    return FALSE;
  memcpy (field, &symbol, sizeof symbol);
  return TRUE;
}

/* Lets GDK read what the X server sent (the focus). */
static void
drain (BenchKeys *keys)
{
  keys->sync (keys->dpy, False);
  for (gint64 until = g_get_monotonic_time () + 20000; g_get_monotonic_time () < until;)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

/* Opens the keyboard of @window's X display and gives @window the input focus; NULL (with
 * @why_not) when the display is not X11 or XTest cannot be loaded. */
BenchKeys *
bench_keys_open (GtkWindow  *window,
                 char      **why_not)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree BenchKeys *keys = g_new0 (BenchKeys, 1);

  if (!GDK_IS_X11_DISPLAY (display) || surface == NULL)
    {
      *why_not = g_strdup ("not an X11 display");
      return NULL;
    }
  keys->xtst = dlopen ("libXtst.so.6", RTLD_NOW);
  keys->x11 = dlopen ("libX11.so.6", RTLD_NOW);
  if (keys->xtst == NULL || keys->x11 == NULL
      || !load (keys->xtst, "XTestFakeKeyEvent", &keys->fake_key)
      || !load (keys->x11, "XKeysymToKeycode", &keys->keysym_to_keycode)
      || !load (keys->x11, "XFlush", &keys->flush)
      || !load (keys->x11, "XSync", &keys->sync)
      || !load (keys->x11, "XSetInputFocus", &keys->set_input_focus))
    {
      *why_not = g_strdup_printf ("cannot load XTest: %s", dlerror ());
      if (keys->xtst != NULL)
        dlclose (keys->xtst);
      if (keys->x11 != NULL)
        dlclose (keys->x11);
      return NULL;
    }
  keys->dpy = gdk_x11_display_get_xdisplay (display);

  keys->set_input_focus (keys->dpy, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  drain (keys);
  return g_steal_pointer (&keys);
}

/* Presses and releases the key that types @c (a character on the keymap: a digit, a Latin
 * letter) and sends it to the X server. */
void
bench_keys_type (BenchKeys *keys,
                 gunichar   c)
{
  KeyCode code = keys->keysym_to_keycode (keys->dpy, (KeySym) c);

  if (c >= 0x80 || code == 0)
    g_error ("no key types U+%04X", c);
  keys->fake_key (keys->dpy, code, True, CurrentTime);
  keys->fake_key (keys->dpy, code, False, CurrentTime);
  keys->flush (keys->dpy);
}

void
bench_keys_free (BenchKeys *keys)
{
  if (keys == NULL)
    return;
  dlclose (keys->xtst);
  dlclose (keys->x11);
  g_free (keys);
}
