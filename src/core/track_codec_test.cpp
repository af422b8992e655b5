#include "cairn/core/track_codec.hpp"

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

std::vector<TrackPoint> sample_track() {
  std::vector<TrackPoint> track;
  for (int i = 0; i < 1000; ++i) {
    TrackPoint point;
    point.offset = Duration(i * 1.0);
    point.latitude_deg = 52.5 + i * 0.00003;
    point.longitude_deg = 13.4 - i * 0.00001;
    point.altitude_m = 34.2 + (i % 7) * 0.2;
    point.distance_m = i * 2.9;
    if (i % 3 != 0) point.heart_rate_bpm = 130 + i % 20;
    if (i > 500) point.cadence_spm = 172.5;
    track.push_back(point);
  }
  return track;
}

TEST(TrackCodec, RoundTripsToTheStoredPrecision) {
  const auto track = sample_track();
  const auto decoded = decode_track(encode_track(track));
  ASSERT_EQ(decoded.size(), track.size());
  for (std::size_t i = 0; i < track.size(); ++i) {
    EXPECT_NEAR(decoded[i].latitude_deg.value(), *track[i].latitude_deg, 1e-7);
    EXPECT_NEAR(decoded[i].altitude_m.value(), *track[i].altitude_m, 0.01);
    EXPECT_NEAR(decoded[i].distance_m.value(), *track[i].distance_m, 0.01);
    EXPECT_EQ(decoded[i].heart_rate_bpm, track[i].heart_rate_bpm);
    EXPECT_EQ(decoded[i].cadence_spm.has_value(), track[i].cadence_spm.has_value());
  }
}

TEST(TrackCodec, TakesAboutTenBytesAPoint) {
  EXPECT_LT(encode_track(sample_track()).size(), 12U * 1000U);
}

TEST(TrackCodec, RejectsDamagedBytesWithTheirOffset) {
  auto bytes = encode_track(sample_track());
  bytes.resize(bytes.size() / 2);
  EXPECT_THROW(static_cast<void>(decode_track(bytes)), Error);
  EXPECT_THROW(static_cast<void>(decode_track({})), Error);
  const std::vector<std::byte> wrong_version{std::byte{9}, std::byte{0}};
  try {
    static_cast<void>(decode_track(wrong_version));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::corrupt_file);
    EXPECT_NE(std::string(error.what()).find("at byte"), std::string::npos);
  }
}

TEST(TrackCodec, SurvivesEveryTruncation) {
  const auto bytes = encode_track(sample_track());
  for (std::size_t size = 0; size < 200; ++size) {
    try {
      static_cast<void>(decode_track(std::span(bytes).first(size)));
    } catch (const Error&) {
    }
  }
}

}  // namespace
}  // namespace cairn
