// Wide-character ncurses for Swift. Macros and globals that Swift cannot import
// directly (stdscr, A_BOLD, COLOR_PAIR, getmaxyx...) are wrapped as inline functions.
#ifndef WINNOW_CNCURSESW_SHIM_H
#define WINNOW_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *winnow_stdscr(void) { return stdscr; }
static inline int winnow_lines(void) { return LINES; }
static inline int winnow_cols(void) { return COLS; }
static inline int winnow_colors(void) { return COLORS; }
static inline int winnow_color_pairs(void) { return COLOR_PAIRS; }
static inline void winnow_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

static inline attr_t winnow_a_normal(void) { return A_NORMAL; }
static inline attr_t winnow_a_bold(void) { return A_BOLD; }
static inline attr_t winnow_a_reverse(void) { return A_REVERSE; }
static inline attr_t winnow_a_underline(void) { return A_UNDERLINE; }
static inline attr_t winnow_a_dim(void) { return A_DIM; }
static inline attr_t winnow_a_italic(void) { return A_ITALIC; }
static inline attr_t winnow_color_pair(int n) { return COLOR_PAIR(n); }

static inline int winnow_key_resize(void) { return KEY_RESIZE; }
static inline int winnow_key_code_yes(void) { return KEY_CODE_YES; }

// Draws one display cell: a base character plus combining marks, with attributes and a colour pair.
static inline int winnow_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

// wcwidth needs _XOPEN_SOURCE, which the Swift Glibc module does not set; declare it here.
extern int wcwidth(wchar_t c);
static inline int winnow_wcwidth(wchar_t c) { return wcwidth(c); }

static inline int winnow_get_wch(wint_t *out) { return get_wch(out); }

// Leaves curses mode for a child program (an external editor) and comes back to it.
static inline void winnow_suspend(void) { def_prog_mode(); endwin(); }
static inline void winnow_resume(void) { reset_prog_mode(); refresh(); }

// Termination signals (SIGINT, SIGTERM, SIGHUP). The handler only records the signal number in a
// sig_atomic_t, the one thing a handler may safely do here; the input loop sees it (the signal
// also interrupts its wait) and shuts down in ordinary code: drafts, endwin, exit.
// The flag is static in this header, so each Swift file that calls these gets its own copy: call
// them from one Swift file only (TerminationSignals.swift).
static volatile sig_atomic_t winnow_received_signal = 0;

static void winnow_record_signal(int signo) { winnow_received_signal = signo; }

// Installs (`watch` 1) or removes (0) the recording handler. SA_RESETHAND: a second signal while
// shutting down takes the default action, so a stuck shutdown can still be ended.
static inline int winnow_watch_termination_signals(int watch) {
    static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = watch ? winnow_record_signal : SIG_DFL;
    // No SA_RESTART: the signal interrupts the wait for input, so it is handled at once.
    action.sa_flags = watch ? SA_RESETHAND : 0;
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
    }
    return 0;
}

// The termination signal received since the handlers were installed, or 0.
static inline int winnow_termination_signal(void) { return winnow_received_signal; }

#endif
