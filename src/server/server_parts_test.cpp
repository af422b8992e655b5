// The server's parts that need no socket: a request's target, gzip, the web app's files.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include "compression.hpp"
#include "request_target.hpp"
#include "web_root.hpp"

namespace cairn::server {
namespace {

namespace fs = std::filesystem;

TEST(RequestTarget, DecodesThePathAndTheQueryNamesAndValues) {
  const auto target =
      parse_request_target("/api/values/Joy%20of%20it?at=2026-05-01&sport=trail+run");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, "/api/values/Joy of it");
  ASSERT_EQ(target->query.size(), 2U);
  EXPECT_EQ(target->query[0], (std::pair<std::string, std::string>{"at", "2026-05-01"}));
  EXPECT_EQ(target->query[1], (std::pair<std::string, std::string>{"sport", "trail run"}));
}

TEST(RequestTarget, KeepsAPlusInThePathAndABrokenEscapeAsItWas) {
  const auto target = parse_request_target("/a+b/%zz%4?flag&=x&&name=%E2%98%83");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, "/a+b/%zz%4");
  ASSERT_EQ(target->query.size(), 3U);
  EXPECT_EQ(target->query[0].first, "flag");
  EXPECT_EQ(target->query[0].second, "");
  EXPECT_EQ(target->query[1].first, "");
  EXPECT_EQ(target->query[2].second, "\xE2\x98\x83");  // a snowman, in UTF-8
}

TEST(RequestTarget, DecodesANulSoThatTheApiCanRefuseIt) {
  const auto target = parse_request_target("/api/runs/%00");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, std::string("/api/runs/\0", 11));
}

TEST(RequestTarget, RefusesATargetThatIsNotAPath) {
  EXPECT_FALSE(parse_request_target("*").has_value());
  EXPECT_FALSE(parse_request_target("http://example.com/api/status").has_value());
  EXPECT_FALSE(parse_request_target("").has_value());
}

std::string gunzip(const std::string& compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(std::size_t{1} << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

TEST(Compression, GzipsWhatZlibReadsBackSmaller) {
  std::string json = "[";
  for (int i = 0; i < 500; ++i) json += fmt::format(R"({{"id":{},"distance_m":{}}},)", i, i * 37);
  json += "0]";
  const std::string compressed = gzip(json);
  EXPECT_LT(compressed.size() * 3, json.size());
  EXPECT_EQ(compressed.substr(0, 2), "\x1f\x8b");  // the gzip magic
  EXPECT_EQ(gunzip(compressed), json);
  EXPECT_EQ(gunzip(gzip("")), "");
}

TEST(Compression, ReadsWhatTheClientAccepts) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.0, br"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("xgzip"));
  EXPECT_FALSE(accepts_gzip(""));
}

TEST(Compression, CompressesTextOfAKilobyteOrMoreOnly) {
  EXPECT_TRUE(worth_compressing("application/json", 4096));
  EXPECT_TRUE(worth_compressing("text/javascript; charset=utf-8", 4096));
  EXPECT_TRUE(worth_compressing("image/svg+xml", 4096));
  EXPECT_FALSE(worth_compressing("application/json", 200));
  EXPECT_FALSE(worth_compressing("image/png", 100000));
  EXPECT_FALSE(worth_compressing("application/zip", 100000));
}

TEST(Compression, KeepsOneGzipdCopyOfAKeptAnswerUntilItIsReplaced) {
  KeptGzip copies;
  auto answer = std::make_shared<const std::string>(std::string(4000, '{'));
  const auto first = copies.of(answer);
  EXPECT_EQ(gunzip(*first), *answer);
  EXPECT_EQ(copies.of(answer), first) << "compressed again for the same answer";
  auto newer = std::make_shared<const std::string>(std::string(4000, '['));
  answer.reset();
  EXPECT_EQ(gunzip(*copies.of(newer)), *newer);
}

class WebRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = fs::temp_directory_path() / fmt::format("cairn-web-root-{}", seed());
    fs::create_directories(folder_ / "dist" / "assets");
    write("dist/index.html", "<!doctype html><title>Cairn</title>");
    write("dist/assets/index-abc123.js", std::string(5000, 'x'));
    write("dist/sw.js", "self.addEventListener('fetch', () => {});");
    write("secret.txt", "not the app's");
  }
  void TearDown() override { fs::remove_all(folder_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(folder_ / name, std::ios::binary) << text;
  }

  fs::path folder_;
};

TEST_F(WebRootTest, SendsAFileWithItsTypeAndLetsBrowsersKeepOnlyTheHashedAssets) {
  WebRoot web(folder_ / "dist");
  ASSERT_TRUE(web.built());
  const auto script = web.find("/assets/index-abc123.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->content, std::string(5000, 'x'));
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script->cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(gunzip(script->gzipped), script->content);
  const auto worker = web.find("/sw.js");
  ASSERT_TRUE(worker);
  EXPECT_EQ(worker->cache_control, "no-cache");
  EXPECT_TRUE(worker->gzipped.empty()) << "too small to be worth it";
}

TEST_F(WebRootTest, AnswersThePagesOfTheAppWithItsIndexButNotAMissingAsset) {
  WebRoot web(folder_ / "dist");
  for (const auto* page : {"/", "/runs/12", "/insights", "/values/Joy"}) {
    const auto file = web.find(page);
    ASSERT_TRUE(file) << page;
    EXPECT_EQ(file->content_type, "text/html; charset=utf-8") << page;
    EXPECT_NE(file->content.find("<title>Cairn"), std::string::npos) << page;
  }
  EXPECT_FALSE(web.find("/assets/index-old999.js")) << "an older build's script is not the index";
}

TEST_F(WebRootTest, NeverSendsAFileOutsideTheApp) {
  WebRoot web(folder_ / "dist");
  for (const std::string& path : std::vector<std::string>{
           "/../secret.txt", "/assets/../../secret.txt", std::string("/index.html\0.js", 15)}) {
    const auto file = web.find(path);
    EXPECT_TRUE(!file || file->content.find("not the app's") == std::string::npos) << path;
  }
  EXPECT_FALSE(web.find("/../secret.txt"));
}

TEST_F(WebRootTest, SendsAFileChangedOnDiskAsItIsNow) {
  WebRoot web(folder_ / "dist");
  ASSERT_TRUE(web.find("/index.html"));
  write("dist/index.html", "<!doctype html><title>Cairn, rebuilt</title><p>more</p>");
  const auto file = web.find("/index.html");
  ASSERT_TRUE(file);
  EXPECT_NE(file->content.find("rebuilt"), std::string::npos);
}

TEST_F(WebRootTest, HasNoAppWhenTheFolderIsNotThere) {
  WebRoot missing(folder_ / "nothing");
  EXPECT_FALSE(missing.built());
  EXPECT_FALSE(missing.find("/"));
  WebRoot none(std::nullopt);
  EXPECT_FALSE(none.built());
}

}  // namespace
}  // namespace cairn::server
