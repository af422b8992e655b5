#pragma once
// The one way stored or file-supplied text reaches the terminal: control characters shown
// as escapes, so a title or a file name cannot drive the terminal (retitle the window,
// clear the screen, move the cursor, hide or reorder text).

#include <cstdint>
#include <string>
#include <string_view>

namespace cairn::cli {

enum class LineBreaks : std::uint8_t {
  show,  ///< a line break is shown as "\n": the text stays on one line (table cells, labels)
  keep,  ///< line breaks are kept (a journal entry's text, a run's notes)
};

/// `text` with every character that controls a terminal made visible: tab, CR and LF as
/// "\t", "\r", "\n" (LF kept with LineBreaks::keep), the other C0 controls and DEL as
/// "\x1b" style escapes, the C1 controls (U+0080-U+009F, among them the one-byte CSI) and
/// the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) as "\u009b"
/// style escapes, and each byte that is not part of valid UTF-8 as "\xff". Everything else,
/// accents and emoji included, is kept as it is.
[[nodiscard]] std::string visible(std::string_view text, LineBreaks breaks = LineBreaks::show);

/// visible(text, LineBreaks::keep) with `first` before its first line and `rest` before each
/// following one: a block of several lines, indented. With `columns` (not 0), each line is
/// also wrapped between words to fit that many columns, indent included (a word longer than
/// the line is left whole).
[[nodiscard]] std::string indented_block(std::string_view text, std::string_view first,
                                         std::string_view rest, std::size_t columns = 0);

/// The columns a terminal gives a character: 2 for East Asian wide characters and emoji,
/// 0 for combining marks and controls, 1 otherwise (the C library's Unicode tables).
[[nodiscard]] int terminal_width(char32_t c);
/// The columns `text` takes on a terminal (a byte that is not UTF-8 counts one).
[[nodiscard]] std::size_t display_width(std::string_view text);
/// The longest start of `text` that fits in `width` columns, never splitting a character.
[[nodiscard]] std::string cut_to_width(std::string_view text, std::size_t width);

/// A bar of `width` columns, the first `share` of it full ("█") and the rest light ("░"),
/// rounded to whole columns; a share outside 0..1 (or NaN) is held to it.
[[nodiscard]] std::string share_bar(double share, std::size_t width);

}  // namespace cairn::cli
