#include "cairn/formats/gzip.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/readers.hpp"

#include "xml_test_support.hpp"

namespace cairn::formats {
namespace {

// Test data is built by hand (deflate's stored and fixed-Huffman blocks are simple) so the
// tests do not use a compressor and the bomb is small in the source.

std::uint32_t crc32_of(std::span<const std::byte> bytes) {
  std::uint32_t crc = 0xFFFFFFFFU;
  for (const std::byte b : bytes) {
    crc ^= static_cast<std::uint32_t>(b);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1U) ^ (0xEDB88320U & (0U - (crc & 1U)));
  }
  return ~crc;
}

void put_le32(std::vector<std::byte>& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::byte>((value >> (8 * i)) & 0xFFU));
}

void put_header(std::vector<std::byte>& out) {
  for (const unsigned b : {0x1FU, 0x8BU, 0x08U, 0U, 0U, 0U, 0U, 0U, 0U, 0xFFU}) {
    out.push_back(static_cast<std::byte>(b));
  }
}

// One gzip member holding `text` in a stored (uncompressed) deflate block.
std::vector<std::byte> gzip_stored(std::string_view text) {
  std::vector<std::byte> out;
  put_header(out);
  const auto length = static_cast<unsigned>(text.size());
  const unsigned inverted = ~length & 0xFFFFU;
  for (const unsigned b : {1U, length & 0xFFU, length >> 8U, inverted & 0xFFU, inverted >> 8U}) {
    out.push_back(static_cast<std::byte>(b));
  }
  const auto data = testing::bytes_of(text);
  out.insert(out.end(), data.begin(), data.end());
  put_le32(out, crc32_of(data));
  put_le32(out, static_cast<std::uint32_t>(text.size()));
  return out;
}

class BitWriter {
 public:
  // Header fields: least significant bit first.
  void bits(unsigned value, int count) {
    for (int i = 0; i < count; ++i) bit((value >> static_cast<unsigned>(i)) & 1U);
  }
  // Huffman codes: most significant bit first.
  void code(unsigned value, int count) {
    for (int i = count - 1; i >= 0; --i) bit((value >> static_cast<unsigned>(i)) & 1U);
  }
  std::vector<std::byte> finish() {
    if (used_ > 0) out_.push_back(static_cast<std::byte>(current_));
    return out_;
  }

 private:
  void bit(unsigned b) {
    current_ |= b << used_;
    if (++used_ == 8) {
      out_.push_back(static_cast<std::byte>(current_));
      current_ = 0;
      used_ = 0;
    }
  }
  std::vector<std::byte> out_;
  unsigned current_ = 0;
  unsigned used_ = 0;
};

// A gzip member of 1 + 258 * repeats zero bytes in a fixed-Huffman block: a literal 0, then
// "copy 258 bytes from 1 back" again and again — 13 bits for every 258 bytes of output.
std::vector<std::byte> gzip_zeros(std::size_t repeats) {
  BitWriter writer;
  writer.bits(1, 1);     // final block
  writer.bits(1, 2);     // fixed Huffman codes
  writer.code(0x30, 8);  // literal 0
  for (std::size_t i = 0; i < repeats; ++i) {
    writer.code(0xC5, 8);  // length code 285: 258 bytes
    writer.code(0, 5);     // distance code 0: 1 back
  }
  writer.code(0, 7);  // end of block
  std::vector<std::byte> out;
  put_header(out);
  const auto deflated = writer.finish();
  out.insert(out.end(), deflated.begin(), deflated.end());
  const std::vector<std::byte> zeros(1 + 258 * repeats);
  put_le32(out, crc32_of(zeros));
  put_le32(out, static_cast<std::uint32_t>(zeros.size()));
  return out;
}

std::string text_of(const std::vector<std::byte>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

Error error_of(std::span<const std::byte> bytes, std::size_t max_output = 1U << 20U) {
  try {
    static_cast<void>(gunzip(bytes, max_output));
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected an error";
  return Error(Errc::invalid_input, "");
}

TEST(Gzip, InflatesAMember) {
  EXPECT_EQ(text_of(gunzip(gzip_stored("<gpx/>"), 100)), "<gpx/>");
  EXPECT_EQ(gunzip(gzip_zeros(3), 1000), std::vector<std::byte>(775));
}

TEST(Gzip, InflatesConcatenatedMembersAndIgnoresZeroPadding) {
  auto bytes = gzip_stored("<gpx>");
  const auto second = gzip_stored("</gpx>");
  bytes.insert(bytes.end(), second.begin(), second.end());
  EXPECT_EQ(text_of(gunzip(bytes, 100)), "<gpx></gpx>");
  bytes.resize(bytes.size() + 512);  // tar-like zero padding
  EXPECT_EQ(text_of(gunzip(bytes, 100)), "<gpx></gpx>");
}

TEST(Gzip, RefusesABombOnceTheActualOutputPassesTheCap) {
  // 10,000 repeats: about 16 KB of input that inflate to 2,580,001 bytes.
  const auto bomb = gzip_zeros(10'000);
  EXPECT_LT(bomb.size(), 20'000U);
  const Error error = error_of(bomb, 1U << 20U);
  EXPECT_EQ(error.code(), Errc::invalid_input);
  EXPECT_STREQ(error.what(), "gzip data larger than 1048576 bytes once decompressed");
  EXPECT_EQ(gunzip(bomb, 2'580'001).size(), 2'580'001U);  // exactly at the cap is fine
  EXPECT_EQ(error_of(bomb, 2'580'000).code(), Errc::invalid_input);
}

TEST(Gzip, ChecksTheCrc) {
  auto bytes = gzip_stored("<gpx/>");
  bytes[bytes.size() - 8] ^= std::byte{1};
  const Error error = error_of(bytes);
  EXPECT_EQ(error.code(), Errc::corrupt_file);
  EXPECT_STREQ(error.what(), "gzip data corrupt at byte 25: incorrect data check");
}

TEST(Gzip, ThrowsCorruptFileForTruncatedData) {
  auto bytes = gzip_zeros(100);
  bytes.resize(bytes.size() - 20);
  const Error error = error_of(bytes);
  EXPECT_EQ(error.code(), Errc::corrupt_file);
  EXPECT_EQ(std::string(error.what()).rfind("gzip data truncated at byte ", 0), 0U);
  EXPECT_EQ(error_of(std::span(bytes).first(5)).code(), Errc::corrupt_file);
}

TEST(Gzip, ThrowsCorruptFileForDataThatIsNotGzip) {
  const Error error = error_of(testing::bytes_of("<gpx/>"));
  EXPECT_EQ(error.code(), Errc::corrupt_file);
  EXPECT_STREQ(error.what(), "gzip data corrupt at byte 2: incorrect header check");
  EXPECT_STREQ(error_of({}).what(), "gzip data empty");
}

TEST(Gzip, ThrowsCorruptFileForOtherDataAfterTheStream) {
  auto bytes = gzip_stored("<gpx/>");
  bytes.push_back(std::byte{'x'});
  const Error error = error_of(bytes);
  EXPECT_EQ(error.code(), Errc::corrupt_file);
  EXPECT_STREQ(error.what(), "gzip data corrupt at byte 29: data after the end of the stream");
}

TEST(GzipCorpus, InflatesTheCorpusFilesToTheSizesOfTheManifest) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  const auto fit =
      gunzip(testing::corpus_file("gz/gap__strava-export-12866632127.fit.gz"), 1U << 20U);
  EXPECT_EQ(fit.size(), 9093U);
  EXPECT_EQ(sniff_format(fit), FileFormat::fit);
  const auto gpx =
      gunzip(testing::corpus_file("gz/trackeR__strava-swim-20170714.gpx.gz"), 1U << 20U);
  EXPECT_EQ(gpx.size(), 535663U);
  EXPECT_EQ(sniff_format(gpx), FileFormat::gpx);
  // The cap applies to the real output: the same file refused below its size.
  EXPECT_THROW(static_cast<void>(
                   gunzip(testing::corpus_file("gz/trackeR__strava-swim-20170714.gpx.gz"), 535662)),
               Error);
}

}  // namespace
}  // namespace cairn::formats
