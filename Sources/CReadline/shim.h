#ifndef PEERCOACH_CREADLINE_SHIM_H
#define PEERCOACH_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Swift 6 cannot assign readline's global variables directly; these setters do it.
static inline void pc_set_completion(rl_completion_func_t *fn) {
    rl_attempted_completion_function = fn;
}
static inline void pc_set_completion_append_character(int c) {
    rl_completion_append_character = c;
}
static inline void pc_set_attempted_completion_over(int v) {
    rl_attempted_completion_over = v;
}
static inline void pc_set_catch_signals(int v) {
    rl_catch_signals = v;
}
static inline const char *pc_line_buffer(void) {
    return rl_line_buffer;
}
static inline int pc_point(void) {
    return rl_point;
}
/// Clears the line being edited and shows a fresh prompt (used on Ctrl-C).
static inline void pc_reset_line(void) {
    rl_replace_line("", 0);
    rl_crlf();
    rl_on_new_line();
    rl_redisplay();
}
#endif
