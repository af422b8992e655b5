// multipart/form-data bodies as browsers and curl send them, written to a spool file and split:
// the files must come out byte for byte wherever the 64 KiB read chunks cut the body, and a
// body that is not multipart must be refused with a message saying why.

#include "multipart.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn::server {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr std::string_view boundary = "XyZzy";
constexpr std::size_t chunk_bytes = std::size_t{64} * 1024;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct Part {
  std::string headers;  ///< header lines, each ending in CRLF
  std::string data;
};

Part file_part(std::string_view file_name, std::string data) {
  return {
      .headers = fmt::format("Content-Disposition: form-data; name=\"files\"; filename=\"{}\"\r\n"
                             "Content-Type: application/octet-stream\r\n",
                             file_name),
      .data = std::move(data)};
}

Part field_part(std::string_view name, std::string value) {
  return {.headers = fmt::format("Content-Disposition: form-data; name=\"{}\"\r\n", name),
          .data = std::move(value)};
}

Part part_with_disposition(std::string_view disposition, std::string data) {
  return {.headers = fmt::format("Content-Disposition: {}\r\n", disposition),
          .data = std::move(data)};
}

// A body as RFC 2046 lays it out: each part after a boundary line, its headers, a blank line
// and its data; the closing boundary after the last.
std::string body_of(const std::vector<Part>& parts) {
  std::string body;
  for (const auto& part : parts) {
    body += fmt::format("--{}\r\n{}\r\n{}\r\n", boundary, part.headers, part.data);
  }
  body += fmt::format("--{}--\r\n", boundary);
  return body;
}

// Bytes that look like the start of a delimiter, over and over, but never all of it.
std::string near_delimiters(std::size_t size) {
  std::string data;
  while (data.size() < size) data += "\r\n--XyZz";
  data.resize(size);
  return data;
}

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string data(size, '\0');
  for (auto& c : data) c = static_cast<char>(byte(random));
  return data;
}

class SplitMultipart : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = fs::temp_directory_path() / fmt::format("cairn-multipart-test-{}", seed());
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  [[nodiscard]] const fs::path& folder() const { return folder_; }
  [[nodiscard]] fs::path spool() const { return folder_ / "spool"; }

  std::vector<api::UploadedFile> split(const std::string& body) {
    const fs::path path = folder_ / "body";
    std::ofstream(path, std::ios::binary) << body;
    return split_multipart(path, boundary, spool());
  }

  // The message of the error split() throws for `body`, checked to be about invalid input in
  // the body.
  std::string refusal_of(const std::string& body) {
    try {
      (void)split(body);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), Errc::invalid_input) << error.what();
      EXPECT_EQ(error.field(), "body");
      return error.what();
    }
    ADD_FAILURE() << "the body was split without an error";
    return {};
  }

 private:
  fs::path folder_;
};

TEST(MultipartBoundary, IsReadFromAnUnquotedParameter) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"),
            "----WebKitFormBoundary7MA4YWxk");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=abc ; charset=utf-8"), "abc");
}

TEST(MultipartBoundary, IsReadFromAQuotedParameter) {
  EXPECT_EQ(multipart_boundary(R"(multipart/form-data; boundary="a b:c;d")"), "a b:c;d");
}

TEST(MultipartBoundary, IsFoundWhateverTheCaseOfTheTypeAndParameterName) {
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; BOUNDARY=xyz"), "xyz");
  EXPECT_EQ(multipart_boundary("MULTIPART/FORM-DATA; charset=utf-8; Boundary=\"xyz\""), "xyz");
}

TEST(MultipartBoundary, IsAbsentForAnotherType) {
  EXPECT_FALSE(multipart_boundary("application/json; boundary=xyz"));
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=xyz"));
  EXPECT_FALSE(multipart_boundary(""));
}

TEST(MultipartBoundary, IsAbsentWhenTheTypeNamesNoValidBoundary) {
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"\""));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; name=boundary"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"a\r\nb\""));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b')));
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'b')),
            std::string(70, 'b'));
}

TEST(MultipartFileName, KeepsOnlyTheLastPartOfAPath) {
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("/home/me/run.fit"), "run.fit");
  EXPECT_EQ(safe_file_name(R"(C:\Users\me\..\run.fit)"), "run.fit");
  EXPECT_EQ(safe_file_name("Morning Run.gpx"), "Morning Run.gpx");
}

TEST(MultipartFileName, IsUploadWhenNothingIsLeftOfTheName) {
  EXPECT_EQ(safe_file_name(""), "upload");
  EXPECT_EQ(safe_file_name("."), "upload");
  EXPECT_EQ(safe_file_name(".."), "upload");
  EXPECT_EQ(safe_file_name("runs/.."), "upload");
  EXPECT_EQ(safe_file_name("runs/"), "upload");
}

TEST(MultipartFileName, ReplacesNul) {
  EXPECT_EQ(safe_file_name(std::string("a\0b.fit", 7)), "a_b.fit");
}

TEST(MultipartFileName, IsAtMost200BytesOfWholeCharactersEndingInTheFileType) {
  std::string name;
  for (int i = 0; i < 150; ++i) name += "\xc3\xa9";  // é
  name += ".gpx.gz";
  const std::string safe = safe_file_name(name);
  EXPECT_LE(safe.size(), 200U);
  EXPECT_GE(safe.size(), 190U);
  EXPECT_TRUE(safe.ends_with("\xc3\xa9.gpx.gz")) << safe;
  EXPECT_TRUE(safe.starts_with("\xc3\xa9"));
  // Whole characters: every é is both its bytes.
  for (std::size_t i = 0; i + 7 < safe.size(); i += 2)
    EXPECT_EQ(safe.substr(i, 2), "\xc3\xa9") << i;
  EXPECT_EQ(safe_file_name(std::string(200, 'a')), std::string(200, 'a'));
}

TEST_F(SplitMultipart, WritesTheOneFileOfAnUpload) {
  const auto files = split(body_of({file_part("run.gpx", "<gpx>a run</gpx>")}));
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(files[0].name, "run.gpx");
  EXPECT_EQ(files[0].path, spool() / "0" / "run.gpx");
  EXPECT_EQ(read_file(files[0].path), "<gpx>a run</gpx>");
}

TEST_F(SplitMultipart, KeepsFilesOfOneNameInFoldersOfTheirOwnWithTheirBytes) {
  const auto files =
      split(body_of({file_part("run.fit", random_bytes(5000, 1)),
                     file_part("run.fit", random_bytes(3, 2)), file_part("run.fit", "")}));
  ASSERT_EQ(files.size(), 3U);
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(files[i].name, "run.fit");
    EXPECT_EQ(files[i].path, spool() / std::to_string(i) / "run.fit");
  }
  EXPECT_EQ(read_file(files[0].path), random_bytes(5000, 1));
  EXPECT_EQ(read_file(files[1].path), random_bytes(3, 2));
  EXPECT_TRUE(fs::exists(files[2].path));
  EXPECT_EQ(read_file(files[2].path), "");
}

TEST_F(SplitMultipart, SkipsFormFields) {
  const auto files = split(body_of({field_part("zone", "Europe/Berlin"),
                                    file_part("a.tcx", "<tcx/>"),
                                    field_part("note", "--XyZz"),
                                    {.headers = "", .data = "a part without headers"}}));
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(files[0].name, "a.tcx");
  EXPECT_EQ(files[0].path, spool() / "0" / "a.tcx");
  EXPECT_EQ(read_file(files[0].path), "<tcx/>");
}

TEST_F(SplitMultipart, SkipsAFileInputLeftEmpty) {
  const auto files =
      split(body_of({part_with_disposition(R"(form-data; name="files"; filename="")", ""),
                     file_part("b.fit", "fit")}));
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(files[0].name, "b.fit");
  EXPECT_EQ(files[0].path, spool() / "0" / "b.fit");
}

TEST_F(SplitMultipart, KeepsBinaryDataByteForByte) {
  std::string data;
  for (int byte = 0; byte < 256; ++byte) data += static_cast<char>(byte);
  // Line breaks, dashes and every beginning of the delimiter, but never all of it; the data
  // begins and ends with a line break, as a delimiter does.
  data = "\r\n" + data +
         "\r\n\r\n--\r\n--X\r\n--XyZz\r\r\n--XyZ\n--XyZzy--XyZzy--\r\n-\r--\r\n\r\n--XyZ\r\n";
  const auto files = split(body_of({file_part("a.fit.gz", data), file_part("b.zip", data)}));
  ASSERT_EQ(files.size(), 2U);
  EXPECT_EQ(read_file(files[0].path), data);
  EXPECT_EQ(read_file(files[1].path), data);
}

TEST_F(SplitMultipart, CopiesAFileOfManyChunksWhole) {
  const std::string data = random_bytes(10 * chunk_bytes + 123, 3);
  const auto files = split(body_of({file_part("export.zip", data)}));
  ASSERT_EQ(files.size(), 1U);
  EXPECT_TRUE(read_file(files[0].path) == data);
}

TEST_F(SplitMultipart, FindsADelimiterThatStraddlesTheChunkEdge) {
  const std::string before = body_of({file_part("a.fit", "")});
  const std::size_t data_start = before.find("\r\n\r\n") + 4;
  // The delimiter after the first file (8 bytes, then the boundary) begins from 12 bytes before
  // the first chunk's end to just after it.
  for (std::size_t start = chunk_bytes - 12; start <= chunk_bytes + 1; ++start) {
    const std::string first = near_delimiters(start - data_start);
    const std::string second = near_delimiters(100);
    const std::string body = body_of({file_part("a.fit", first), file_part("b.fit", second)});
    ASSERT_EQ(body.find("\r\n--XyZzy"), start);
    const auto files = split(body);
    ASSERT_EQ(files.size(), 2U) << start;
    EXPECT_TRUE(read_file(files[0].path) == first) << "delimiter at byte " << start;
    EXPECT_TRUE(read_file(files[1].path) == second) << "delimiter at byte " << start;
    fs::remove_all(spool());
  }
}

TEST_F(SplitMultipart, FindsTheFirstBoundaryAndHeadersThatStraddleTheChunkEdge) {
  const std::string rest = body_of({file_part("a.fit", "fit")});
  for (std::size_t size = chunk_bytes - rest.find("\r\n\r\n") - 6; size <= chunk_bytes; ++size) {
    // A preamble of lines, which readers must ignore, that ends with the line break the
    // first delimiter begins with.
    const std::string preamble = near_delimiters(size - 2) + "\r\n";
    const auto files = split(preamble + rest);
    ASSERT_EQ(files.size(), 1U) << "preamble of " << size << " bytes";
    EXPECT_EQ(read_file(files[0].path), "fit") << "preamble of " << size << " bytes";
    fs::remove_all(spool());
  }
}

TEST_F(SplitMultipart, IgnoresThePreambleTheEpilogueAndPaddingAfterBoundaries) {
  const std::string body =
      "This is a preamble.\r\n--XyZzy \t\r\n"
      "Content-Disposition: form-data; name=\"f\"; filename=\"a.gpx\"\r\n\r\n"
      "gpx\r\n--XyZzy--this is the epilogue\r\n--XyZzy\r\nmore";
  const auto files = split(body);
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(read_file(files[0].path), "gpx");
}

TEST_F(SplitMultipart, ReadsFileNamesQuotedOrNot) {
  const auto files = split(body_of({
      part_with_disposition(R"(form-data; name="f"; filename="a b; c.gpx")", "1"),
      part_with_disposition("form-data; name=f; filename=plain.fit", "2"),
      part_with_disposition(R"(form-data; filename="say \"hi\".tcx"; name="f")", "3"),
  }));
  ASSERT_EQ(files.size(), 3U);
  EXPECT_EQ(files[0].name, "a b; c.gpx");
  EXPECT_EQ(files[1].name, "plain.fit");
  EXPECT_EQ(files[2].name, R"(say "hi".tcx)");
  EXPECT_EQ(read_file(files[2].path), "3");
}

TEST_F(SplitMultipart, ReadsHeaderNamesInAnyCase) {
  const auto files = split(body_of({{.headers = "content-TYPE: text/xml\r\n"
                                                "CONTENT-disposition: form-data; NAME=f; "
                                                "FileName=\"x.gpx\"\r\n",
                                     .data = "x"}}));
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(files[0].name, "x.gpx");
}

TEST_F(SplitMultipart, KeepsOnlyTheLastPartOfAFileNameWithFolders) {
  const auto files = split(body_of({file_part("../../etc/passwd", "root")}));
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(files[0].name, "passwd");
  EXPECT_EQ(files[0].path, spool() / "0" / "passwd");
  EXPECT_EQ(read_file(files[0].path), "root");
  EXPECT_FALSE(fs::exists(folder() / "etc"));
}

TEST_F(SplitMultipart, PrefersTheEncodedFileNameOfFilenameStar) {
  const auto files = split(body_of({
      part_with_disposition(
          R"(form-data; name="f"; filename="Etape.gpx"; filename*=UTF-8''%C3%89tape%20%E2%9C%93.gpx)",
          "1"),
      part_with_disposition("form-data; name=f; filename*=utf-8'fr'%2E%2E%2Fx.fit", "2"),
      part_with_disposition("form-data; name=f; filename*=iso-8859-1'en'%E9t%E9.tcx", "3"),
      part_with_disposition("form-data; name=f; filename*=UTF-8''bad%2; filename=fallback.fit",
                            "4"),
  }));
  ASSERT_EQ(files.size(), 4U);
  EXPECT_EQ(files[0].name, "\xc3\x89tape \xe2\x9c\x93.gpx");
  EXPECT_EQ(files[1].name, "x.fit");
  EXPECT_EQ(files[2].name, "\xc3\xa9t\xc3\xa9.tcx");
  EXPECT_EQ(files[3].name, "fallback.fit");
  EXPECT_EQ(read_file(files[0].path), "1");
}

TEST_F(SplitMultipart, RefusesAnEmptyBody) {
  EXPECT_THAT(refusal_of(""), HasSubstr("the body is empty"));
}

TEST_F(SplitMultipart, RefusesABodyWithAnotherBoundary) {
  const std::string body =
      "--Other\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--Other--";
  EXPECT_THAT(refusal_of(body), HasSubstr("the body holds no boundary --XyZzy"));
  EXPECT_THAT(refusal_of(std::string(3 * chunk_bytes, '-')),
              HasSubstr("the body holds no boundary --XyZzy"));
}

TEST_F(SplitMultipart, RefusesABodyCutBeforeItsClosingBoundary) {
  const std::string whole = body_of({file_part("a.fit", near_delimiters(chunk_bytes + 10))});
  const auto last_delimiter = whole.rfind("\r\n--XyZzy--");
  EXPECT_THAT(refusal_of(whole.substr(0, last_delimiter)),
              HasSubstr("the body ends inside part 1, before the closing boundary --XyZzy--"));
  EXPECT_THAT(refusal_of(whole.substr(0, last_delimiter + 9)),
              HasSubstr("the body ends after part 1, before the closing boundary --XyZzy--"));
  EXPECT_THAT(refusal_of(whole.substr(0, last_delimiter + 10)),
              HasSubstr("the body ends after part 1, before the closing boundary --XyZzy--"));
  EXPECT_THAT(refusal_of("--XyZzy"), HasSubstr("the body ends after its first boundary"));
}

TEST_F(SplitMultipart, RefusesPartHeadersWithoutABlankLineAfterThem) {
  EXPECT_THAT(refusal_of("--XyZzy\r\nContent-Disposition: form-data; name=a\r\n--XyZzy--\r\n"),
              HasSubstr("part 1 has no blank line after its headers (the next boundary comes "
                        "first)"));
  EXPECT_THAT(refusal_of("--XyZzy\r\nContent-Disposition: form-data; name=a\r\n\r\nb\r\n"
                         "--XyZzy\r\nContent-Disposition: form-data; name=c"),
              HasSubstr("part 2 has no blank line after its headers (the body ends first)"));
  EXPECT_THAT(refusal_of("--XyZzy\r\nContent-Disposition: form-data; name=a\r\n"),
              HasSubstr("part 1 has no blank line after its headers (the body ends first)"));
}

TEST_F(SplitMultipart, RefusesPartHeadersLongerThan16KiB) {
  const std::string long_header = "X-Long: " + std::string(std::size_t{16} * 1024, 'x') + "\r\n";
  EXPECT_THAT(refusal_of(body_of({{.headers = long_header, .data = "x"}})),
              HasSubstr("the headers of part 1 are longer than 16 KiB"));
  EXPECT_THAT(refusal_of("--XyZzy\r\n" + long_header + long_header),
              HasSubstr("the headers of part 1 are longer than 16 KiB"));
  const std::string within_limit = "X-Long: " + std::string(std::size_t{15} * 1024, 'x') + "\r\n";
  EXPECT_EQ(split(body_of({{.headers = within_limit, .data = "x"}})).size(), 0U);
}

TEST_F(SplitMultipart, RefusesABoundaryFollowedByOtherText) {
  EXPECT_THAT(refusal_of("--XyZzyZ\r\n\r\nx\r\n--XyZzy--"),
              HasSubstr("at byte 7, a boundary is followed by neither a line break nor --"));
}

TEST_F(SplitMultipart, ThrowsAStorageErrorWhenAFileCannotBeWritten) {
  const fs::path body = folder() / "body";
  std::ofstream(body, std::ios::binary) << body_of({file_part("a.fit", "fit")});
  const fs::path not_a_folder = folder() / "not-a-folder";
  std::ofstream(not_a_folder) << "a file";
  try {
    (void)split_multipart(body, boundary, not_a_folder);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::storage);
    EXPECT_THAT(error.what(), HasSubstr("part 1 could not be written"));
  }
}

}  // namespace
}  // namespace cairn::server
