// The FIT profile tables, typed once from Garmin's Profile.xlsx (names as the FIT SDK spells
// them). A table, not a file read at run time: the profile changes a few times a year and
// a new name only makes a field read as a number.

#include "fit_profile.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

namespace cairn::formats::fit {
namespace {

using Named = std::pair<std::uint16_t, std::string_view>;

// Indexed by sport number; "" where the profile has no sport.
constexpr std::array<std::string_view, 83> sport_names{
    "generic",                  // 0
    "running",                  // 1
    "cycling",                  // 2
    "transition",               // 3
    "fitness_equipment",        // 4
    "swimming",                 // 5
    "basketball",               // 6
    "soccer",                   // 7
    "tennis",                   // 8
    "american_football",        // 9
    "training",                 // 10
    "walking",                  // 11
    "cross_country_skiing",     // 12
    "alpine_skiing",            // 13
    "snowboarding",             // 14
    "rowing",                   // 15
    "mountaineering",           // 16
    "hiking",                   // 17
    "multisport",               // 18
    "paddling",                 // 19
    "flying",                   // 20
    "e_biking",                 // 21
    "motorcycling",             // 22
    "boating",                  // 23
    "driving",                  // 24
    "golf",                     // 25
    "hang_gliding",             // 26
    "horseback_riding",         // 27
    "hunting",                  // 28
    "fishing",                  // 29
    "inline_skating",           // 30
    "rock_climbing",            // 31
    "sailing",                  // 32
    "ice_skating",              // 33
    "sky_diving",               // 34
    "snowshoeing",              // 35
    "snowmobiling",             // 36
    "stand_up_paddleboarding",  // 37
    "surfing",                  // 38
    "wakeboarding",             // 39
    "water_skiing",             // 40
    "kayaking",                 // 41
    "rafting",                  // 42
    "windsurfing",              // 43
    "kitesurfing",              // 44
    "tactical",                 // 45
    "jumpmaster",               // 46
    "boxing",                   // 47
    "floor_climbing",           // 48
    "",                         // 49
    "",                         // 50
    "",                         // 51
    "",                         // 52
    "diving",                   // 53
    "",                         // 54
    "",                         // 55
    "",                         // 56
    "",                         // 57
    "",                         // 58
    "",                         // 59
    "",                         // 60
    "",                         // 61
    "hiit",                     // 62
    "",                         // 63
    "racket",                   // 64
    "wheelchair_push_walk",     // 65
    "wheelchair_push_run",      // 66
    "meditation",               // 67
    "",                         // 68
    "",                         // 69
    "",                         // 70
    "",                         // 71
    "",                         // 72
    "",                         // 73
    "",                         // 74
    "",                         // 75
    "water_tubing",             // 76
    "wakesurfing",              // 77
    "",                         // 78
    "",                         // 79
    "",                         // 80
    "",                         // 81
    "snorkeling",               // 82 (Suunto Vertical 2 files; FIT SDK 21.17x)
};

// Indexed by sub-sport number; "" where the profile has no sub-sport.
constexpr std::array<std::string_view, 86> sub_sport_names{
    "generic",                  // 0
    "treadmill",                // 1
    "street",                   // 2
    "trail",                    // 3
    "track",                    // 4
    "spin",                     // 5
    "indoor_cycling",           // 6
    "road",                     // 7
    "mountain",                 // 8
    "downhill",                 // 9
    "recumbent",                // 10
    "cyclocross",               // 11
    "hand_cycling",             // 12
    "track_cycling",            // 13
    "indoor_rowing",            // 14
    "elliptical",               // 15
    "stair_climbing",           // 16
    "lap_swimming",             // 17
    "open_water",               // 18
    "flexibility_training",     // 19
    "strength_training",        // 20
    "warm_up",                  // 21
    "match",                    // 22
    "exercise",                 // 23
    "challenge",                // 24
    "indoor_skiing",            // 25
    "cardio_training",          // 26
    "indoor_walking",           // 27
    "e_bike_fitness",           // 28
    "bmx",                      // 29
    "casual_walking",           // 30
    "speed_walking",            // 31
    "bike_to_run_transition",   // 32
    "run_to_bike_transition",   // 33
    "swim_to_bike_transition",  // 34
    "atv",                      // 35
    "motocross",                // 36
    "backcountry",              // 37
    "resort",                   // 38
    "rc_drone",                 // 39
    "wingsuit",                 // 40
    "whitewater",               // 41
    "skate_skiing",             // 42
    "yoga",                     // 43
    "pilates",                  // 44
    "indoor_running",           // 45
    "gravel_cycling",           // 46
    "e_bike_mountain",          // 47
    "commuting",                // 48
    "mixed_surface",            // 49
    "navigate",                 // 50
    "track_me",                 // 51
    "map",                      // 52
    "single_gas_diving",        // 53
    "multi_gas_diving",         // 54
    "gauge_diving",             // 55
    "apnea_diving",             // 56
    "apnea_hunting",            // 57
    "virtual_activity",         // 58
    "obstacle",                 // 59
    "",                         // 60
    "",                         // 61
    "breathing",                // 62
    "",                         // 63
    "",                         // 64
    "sail_race",                // 65
    "",                         // 66
    "ultra",                    // 67
    "indoor_climbing",          // 68
    "bouldering",               // 69
    "hiit",                     // 70
    "",                         // 71
    "",                         // 72
    "amrap",                    // 73
    "emom",                     // 74
    "tabata",                   // 75
    "",                         // 76
    "",                         // 77
    "",                         // 78
    "",                         // 79
    "",                         // 80
    "",                         // 81
    "",                         // 82
    "",                         // 83
    "pickleball",               // 84
    "padel",                    // 85
};

// Sorted by id.
constexpr std::array manufacturers{
    Named{1, "garmin"},
    Named{2, "garmin_fr405_antfs"},
    Named{3, "zephyr"},
    Named{4, "dayton"},
    Named{5, "idt"},
    Named{6, "srm"},
    Named{7, "quarq"},
    Named{8, "ibike"},
    Named{9, "saris"},
    Named{10, "spark_hk"},
    Named{11, "tanita"},
    Named{12, "echowell"},
    Named{13, "dynastream_oem"},
    Named{14, "nautilus"},
    Named{15, "dynastream"},
    Named{16, "timex"},
    Named{17, "metrigear"},
    Named{18, "xelic"},
    Named{19, "beurer"},
    Named{20, "cardiosport"},
    Named{21, "a_and_d"},
    Named{22, "hmm"},
    Named{23, "suunto"},
    Named{24, "thita_elektronik"},
    Named{25, "gpulse"},
    Named{26, "clean_mobile"},
    Named{27, "pedal_brain"},
    Named{28, "peaksware"},
    Named{29, "saxonar"},
    Named{30, "lemond_fitness"},
    Named{31, "dexcom"},
    Named{32, "wahoo_fitness"},
    Named{33, "octane_fitness"},
    Named{34, "archinoetics"},
    Named{35, "the_hurt_box"},
    Named{36, "citizen_systems"},
    Named{37, "magellan"},
    Named{38, "osynce"},
    Named{39, "holux"},
    Named{40, "concept2"},
    Named{41, "shimano"},
    Named{42, "one_giant_leap"},
    Named{43, "ace_sensor"},
    Named{44, "brim_brothers"},
    Named{45, "xplova"},
    Named{46, "perception_digital"},
    Named{47, "bf1systems"},
    Named{48, "pioneer"},
    Named{49, "spantec"},
    Named{50, "metalogics"},
    Named{51, "4iiiis"},
    Named{52, "seiko_epson"},
    Named{53, "seiko_epson_oem"},
    Named{54, "ifor_powell"},
    Named{55, "maxwell_guider"},
    Named{56, "star_trac"},
    Named{57, "breakaway"},
    Named{58, "alatech_technology_ltd"},
    Named{59, "mio_technology_europe"},
    Named{60, "rotor"},
    Named{61, "geonaute"},
    Named{62, "id_bike"},
    Named{63, "specialized"},
    Named{64, "wtek"},
    Named{65, "physical_enterprises"},
    Named{66, "north_pole_engineering"},
    Named{67, "bkool"},
    Named{68, "cateye"},
    Named{69, "stages_cycling"},
    Named{70, "sigmasport"},
    Named{71, "tomtom"},
    Named{72, "peripedal"},
    Named{73, "wattbike"},
    Named{76, "moxy"},
    Named{77, "ciclosport"},
    Named{78, "powerbahn"},
    Named{79, "acorn_projects_aps"},
    Named{80, "lifebeam"},
    Named{81, "bontrager"},
    Named{82, "wellgo"},
    Named{83, "scosche"},
    Named{84, "magura"},
    Named{85, "woodway"},
    Named{86, "elite"},
    Named{87, "nielsen_kellerman"},
    Named{88, "dk_city"},
    Named{89, "tacx"},
    Named{90, "direction_technology"},
    Named{91, "magtonic"},
    Named{92, "1partcarbon"},
    Named{93, "inside_ride_technologies"},
    Named{94, "sound_of_motion"},
    Named{95, "stryd"},
    Named{96, "icg"},
    Named{97, "mipulse"},
    Named{98, "bsx_athletics"},
    Named{99, "look"},
    Named{100, "campagnolo_srl"},
    Named{101, "body_bike_smart"},
    Named{102, "praxisworks"},
    Named{103, "limits_technology"},
    Named{104, "topaction_technology"},
    Named{105, "cosinuss"},
    Named{106, "fitcare"},
    Named{107, "magene"},
    Named{108, "giant_manufacturing_co"},
    Named{109, "tigrasport"},
    Named{110, "salutron"},
    Named{111, "technogym"},
    Named{112, "bryton_sensors"},
    Named{113, "latitude_limited"},
    Named{114, "soaring_technology"},
    Named{115, "igpsport"},
    Named{116, "thinkrider"},
    Named{117, "gopher_sport"},
    Named{118, "waterrower"},
    Named{119, "orangetheory"},
    Named{120, "inpeak"},
    Named{121, "kinetic"},
    Named{122, "johnson_health_tech"},
    Named{123, "polar_electro"},
    Named{124, "seesense"},
    Named{125, "nci_technology"},
    Named{126, "iqsquare"},
    Named{127, "leomo"},
    Named{128, "ifit_com"},
    Named{129, "coros_byte"},
    Named{130, "versa_design"},
    Named{131, "chileaf"},
    Named{132, "cycplus"},
    Named{133, "gravaa_byte"},
    Named{134, "sigeyi"},
    Named{135, "coospo"},
    Named{136, "geoid"},
    Named{137, "bosch"},
    Named{138, "kyto"},
    Named{139, "kinetic_sports"},
    Named{140, "decathlon_byte"},
    Named{141, "tq_systems"},
    Named{142, "tag_heuer"},
    Named{143, "keiser_fitness"},
    Named{144, "zwift_byte"},
    Named{145, "porsche_ep"},
    Named{146, "blackbird"},
    Named{147, "meilan_byte"},
    Named{148, "ezon"},
    Named{149, "laisi"},
    Named{150, "myzone"},
    Named{151, "abawo"},
    Named{152, "bafang"},
    Named{153, "luhong_technology"},
    Named{255, "development"},
    Named{257, "healthandlife"},
    Named{258, "lezyne"},
    Named{259, "scribe_labs"},
    Named{260, "zwift"},
    Named{261, "watteam"},
    Named{262, "recon"},
    Named{263, "favero_electronics"},
    Named{264, "dynovelo"},
    Named{265, "strava"},
    Named{266, "precor"},
    Named{267, "bryton"},
    Named{268, "sram"},
    Named{269, "navman"},
    Named{270, "cobi"},
    Named{271, "spivi"},
    Named{272, "mio_magellan"},
    Named{273, "evesports"},
    Named{274, "sensitivus_gauge"},
    Named{275, "podoon"},
    Named{276, "life_time_fitness"},
    Named{277, "falco_e_motors"},
    Named{278, "minoura"},
    Named{279, "cycliq"},
    Named{280, "luxottica"},
    Named{281, "trainer_road"},
    Named{282, "the_sufferfest"},
    Named{283, "fullspeedahead"},
    Named{284, "virtualtraining"},
    Named{285, "feedbacksports"},
    Named{286, "omata"},
    Named{287, "vdo"},
    Named{288, "magneticdays"},
    Named{289, "hammerhead"},
    Named{290, "kinetic_by_kurt"},
    Named{291, "shapelog"},
    Named{292, "dabuziduo"},
    Named{293, "jetblack"},
    Named{294, "coros"},
    Named{295, "virtugo"},
    Named{296, "velosense"},
    Named{297, "cycligentinc"},
    Named{298, "trailforks"},
    Named{299, "mahle_ebikemotion"},
    Named{300, "nurvv"},
    Named{301, "microprogram"},
    Named{302, "zone5cloud"},
    Named{303, "greenteg"},
    Named{304, "yamaha_motors"},
    Named{305, "whoop"},
    Named{306, "gravaa"},
    Named{307, "onelap"},
    Named{308, "monark_exercise"},
    Named{309, "form"},
    Named{310, "decathlon"},
    Named{311, "syncros"},
    Named{312, "heatup"},
    Named{313, "cannondale"},
    Named{314, "true_fitness"},
    Named{315, "rgt_cycling"},
    Named{316, "vasa"},
    Named{317, "race_republic"},
    Named{318, "fazua"},
    Named{319, "oreka_training"},
    Named{320, "lsec"},
    Named{321, "lululemon_studio"},
    Named{322, "shanyue"},
    Named{323, "spinning_mda"},
    Named{324, "hilldating"},
    Named{325, "aero_sensor"},
    Named{326, "nike"},
    Named{327, "magicshine"},
    Named{328, "ictrainer"},
    Named{329, "absolute_cycling"},
    Named{330, "eo_swimbetter"},
    Named{331, "mywhoosh"},
    Named{332, "ravemen"},
    Named{333, "tektro_racing_products"},
    Named{334, "darad_innovation_corporation"},
    Named{335, "cycloptim"},
    Named{337, "runna"},
    Named{339, "zepp"},
    Named{340, "peloton"},
    Named{341, "carv"},
    Named{342, "tissot"},
    Named{345, "real_velo"},
    Named{5759, "actigraphcorp"},
};

// The watches, bike computers and sensors runners are most likely to import, sorted by id.
// Regional variants (_asia, _japan, ...) are left out: their files name the product anyway.
constexpr std::array garmin_products{
    Named{1, "hrm1"},
    Named{717, "fr405"},
    Named{782, "fr50"},
    Named{988, "fr60"},
    Named{1018, "fr310xt"},
    Named{1036, "edge500"},
    Named{1124, "fr110"},
    Named{1169, "edge800"},
    Named{1325, "edge200"},
    Named{1328, "fr910xt"},
    Named{1345, "fr610"},
    Named{1436, "fr70"},
    Named{1482, "fr10"},
    Named{1499, "swim"},
    Named{1551, "fenix"},
    Named{1561, "edge510"},
    Named{1567, "edge810"},
    Named{1623, "fr620"},
    Named{1632, "fr220"},
    Named{1736, "edge_touring"},
    Named{1743, "hrm_tri"},
    Named{1752, "hrm_run"},
    Named{1765, "fr920xt"},
    Named{1836, "edge1000"},
    Named{1837, "vivo_fit"},
    Named{1903, "fr15"},
    Named{1907, "vivo_active"},
    Named{1956, "vivo_smart"},
    Named{1967, "fenix2"},
    Named{1988, "epix"},
    Named{2050, "fenix3"},
    Named{2067, "edge520"},
    Named{2147, "edge25"},
    Named{2148, "fr25"},
    Named{2150, "vivo_fit2"},
    Named{2153, "fr225"},
    Named{2156, "fr630"},
    Named{2157, "fr230"},
    Named{2158, "fr735xt"},
    Named{2204, "edge_explore_1000"},
    Named{2238, "edge20"},
    Named{2271, "vivo_smart2"},
    Named{2327, "hrm4_run"},
    Named{2337, "vivo_active_hr"},
    Named{2347, "vivo_smart_gps_hr"},
    Named{2348, "vivo_smart_hr"},
    Named{2406, "vivo_fit3"},
    Named{2413, "fenix3_hr"},
    Named{2417, "virb_ultra_30"},
    Named{2431, "fr235"},
    Named{2432, "fenix3_chronos"},
    Named{2503, "fr35"},
    Named{2530, "edge_820"},
    Named{2531, "edge_explore_820"},
    Named{2544, "fenix5s"},
    Named{2593, "running_dynamics_pod"},
    Named{2604, "fenix5x"},
    Named{2622, "vivo_smart3"},
    Named{2623, "vivo_sport"},
    Named{2691, "fr935"},
    Named{2697, "fenix5"},
    Named{2700, "vivoactive3"},
    Named{2713, "edge_1030"},
    Named{2859, "descent"},
    Named{2886, "fr645"},
    Named{2888, "fr645m"},
    Named{2891, "fr30"},
    Named{2900, "fenix5s_plus"},
    Named{2909, "edge_130"},
    Named{2927, "vivosmart_4"},
    Named{3011, "edge_explore"},
    Named{3076, "fr245"},
    Named{3077, "fr245_music"},
    Named{3110, "fenix5_plus"},
    Named{3111, "fenix5x_plus"},
    Named{3112, "edge_520_plus"},
    Named{3113, "fr945"},
    Named{3121, "edge_530"},
    Named{3122, "edge_830"},
    Named{3224, "vivoactive4_small"},
    Named{3225, "vivoactive4_large"},
    Named{3226, "venu"},
    Named{3258, "descent_mk2"},
    Named{3282, "fr45"},
    Named{3287, "fenix6s_sport"},
    Named{3288, "fenix6s"},
    Named{3289, "fenix6_sport"},
    Named{3290, "fenix6"},
    Named{3291, "fenix6x"},
    Named{3299, "hrm_dual"},
    Named{3300, "hrm_pro"},
    Named{3405, "swim2"},
    Named{3466, "instinct_solar"},
    Named{3542, "descent_mk2s"},
    Named{3558, "edge_130_plus"},
    Named{3570, "edge_1030_plus"},
    Named{3589, "fr745"},
    Named{3596, "venusq_music"},
    Named{3600, "venusq"},
    Named{3638, "enduro"},
    Named{3652, "fr945_lte"},
    Named{3703, "venu2"},
    Named{3704, "venu2s"},
    Named{3843, "edge_1040"},
    Named{3851, "venu2_plus"},
    Named{3869, "fr55"},
    Named{3888, "instinct_2"},
    Named{3905, "fenix7s"},
    Named{3906, "fenix7"},
    Named{3907, "fenix7x"},
    Named{3943, "epix_gen2"},
    Named{3990, "fr255_music"},
    Named{3991, "fr255_small_music"},
    Named{3992, "fr255"},
    Named{3993, "fr255_small"},
    Named{4024, "fr955"},
    Named{4061, "edge_540"},
    Named{4062, "edge_840"},
    Named{4115, "venusq2"},
    Named{4116, "venusq2music"},
    Named{4130, "hrm_pro_plus"},
    Named{4169, "edge_explore2"},
    Named{4257, "fr265_large"},
    Named{4258, "fr265_small"},
    Named{4260, "venu3"},
    Named{4261, "venu3s"},
    Named{4312, "epix_gen2_pro_42"},
    Named{4313, "epix_gen2_pro_47"},
    Named{4314, "epix_gen2_pro_51"},
    Named{4315, "fr965"},
    Named{4341, "enduro2"},
    Named{4374, "fenix7s_pro_solar"},
    Named{4375, "fenix7_pro_solar"},
    Named{4376, "fenix7x_pro_solar"},
    Named{4394, "instinct_2x"},
    Named{4426, "vivoactive5"},
    Named{4432, "fr165"},
    Named{4433, "fr165_music"},
    Named{4440, "edge_1050"},
    Named{4532, "fenix8_solar"},
    Named{4533, "fenix8_solar_large"},
    Named{4534, "fenix8_small"},
    Named{4536, "fenix8"},
    Named{4575, "enduro3"},
    Named{4603, "venu_x1"},
    Named{4625, "vivoactive6"},
    Named{4643, "venu4"},
    Named{4644, "venu4s"},
    Named{10007, "sdm4"},
    Named{10014, "edge_remote"},
    Named{20119, "training_center"},
    Named{65531, "connectiq_simulator"},
    Named{65532, "android_antplus_plugin"},
    Named{65534, "connect"},
};

constexpr std::array file_types{
    Named{1, "device"},
    Named{2, "settings"},
    Named{3, "sport"},
    Named{4, "activity"},
    Named{5, "workout"},
    Named{6, "course"},
    Named{7, "schedules"},
    Named{9, "weight"},
    Named{10, "totals"},
    Named{11, "goals"},
    Named{14, "blood_pressure"},
    Named{15, "monitoring_a"},
    Named{20, "activity_summary"},
    Named{28, "monitoring_daily"},
    Named{32, "monitoring_b"},
    Named{34, "segment"},
    Named{35, "segment_list"},
    Named{40, "exd_configuration"},
};

template <std::size_t N>
constexpr bool sorted_by_id(const std::array<Named, N>& table) {
  for (std::size_t i = 1; i < N; ++i) {
    if (table[i - 1].first >= table[i].first) return false;
  }
  return true;
}
static_assert(sorted_by_id(manufacturers), "manufacturers must be sorted for binary search");
static_assert(sorted_by_id(garmin_products), "garmin_products must be sorted for binary search");
static_assert(sorted_by_id(file_types), "file_types must be sorted for binary search");

template <std::size_t N>
std::string_view find_name(const std::array<Named, N>& table, std::uint16_t id) noexcept {
  const auto it =
      std::lower_bound(table.begin(), table.end(), id,
                       [](const Named& entry, std::uint16_t key) { return entry.first < key; });
  return it != table.end() && it->first == id ? it->second : std::string_view{};
}

}  // namespace

std::string_view sport_name(std::uint8_t sport) noexcept {
  return sport < sport_names.size() ? sport_names[sport] : std::string_view{};
}

std::string_view sub_sport_name(std::uint8_t sub_sport) noexcept {
  return sub_sport < sub_sport_names.size() ? sub_sport_names[sub_sport] : std::string_view{};
}

std::string_view manufacturer_name(std::uint16_t manufacturer) noexcept {
  return find_name(manufacturers, manufacturer);
}

std::string_view garmin_product_name(std::uint16_t product) noexcept {
  return find_name(garmin_products, product);
}

std::string_view file_type_name(std::uint8_t type) noexcept { return find_name(file_types, type); }

bool counts_strides(std::uint8_t sport) noexcept {
  switch (sport) {
    case 0:   // generic: most often a run recorded without a sport profile
    case 1:   // running
    case 4:   // fitness_equipment: treadmill, elliptical
    case 11:  // walking
    case 16:  // mountaineering
    case 17:  // hiking
    case 35:  // snowshoeing
      return true;
    default:
      return false;
  }
}

}  // namespace cairn::formats::fit
