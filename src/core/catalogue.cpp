// The starting catalogue of values. Every line is our own wording; the list is a place to
// begin, and runners add their own.

#include <array>

#include "cairn/core/value.hpp"

#include "text.hpp"

namespace cairn {
namespace {

constexpr std::array<CatalogueValue, 30> catalogue{{
    {"adventure", "Adventure", "Seeking the unknown: new places, new routes, a bit of risk.",
     "Running takes me to places I would never see otherwise.",
     "Explore a trail you have never run"},
    {"connection", "Belonging and connection", "Feeling part of a group and close to people.",
     "Running with others is where I meet people and feel I belong.",
     "Join a club run or invite a friend"},
    {"family", "Family", "Being there for the people at home and sharing life with them.",
     "Running keeps me patient and present with my family.",
     "Run with your child on a bike beside you"},
    {"work", "Doing well at work", "Doing work I am proud of and growing in it.",
     "Running before work gives me focus for the day.",
     "A short morning run before a demanding day"},
    {"growth", "Self-development", "Becoming a bit better than I was, step by step.",
     "Running shows me I can improve with patient practice.",
     "Set a small measurable goal for the month"},
    {"clear_mind", "Time to myself and a clear mind", "Space to think, or to stop thinking.",
     "A run is the one hour in the day that is mine.", "A solo run with no music"},
    {"health", "Health and longevity", "A body that carries me well for many years.",
     "Regular easy running keeps my heart and mood healthy.",
     "Three easy runs this week, nothing hard"},
    {"nature", "Nature", "Being outdoors, among trees, water, weather and seasons.",
     "Running gets me outside every day, whatever the weather.",
     "Run the park loop and notice five things"},
    {"achievement", "Achievement", "Reaching goals I set and seeing the result of effort.",
     "A race or a time goal gives my training a point.",
     "Pick a race and plan the weeks before it"},
    {"challenge", "Challenge", "Testing my limits and doing hard things.",
     "Hard sessions show me what I am capable of.",
     "One workout this week that scares you a little"},
    {"freedom", "Freedom", "Choosing my own way, unbound by schedules and rules.",
     "Running needs nothing but shoes and a door.", "Run with no plan, turn wherever you like"},
    {"joy", "Joy and play", "Fun for its own sake, lightness, playfulness.",
     "Running can feel like being a child let out to play.",
     "Run a fartlek: sprint to whatever looks fun"},
    {"calm", "Calm", "Inner peace and an even mood.", "The rhythm of an easy run settles my mind.",
     "An easy run focused on steady breathing"},
    {"discipline", "Discipline", "Keeping commitments to myself, even when it is hard.",
     "Showing up for a run when I said I would builds trust in myself.",
     "Run at the same time three days in a row"},
    {"resilience", "Resilience", "Bouncing back from setbacks and coping with stress.",
     "Running through tough patches teaches me to keep going.", "Finish a run in bad weather"},
    {"creativity", "Creativity", "Making new things and seeing things in a new way.",
     "Ideas come to me when I run.", "Run without audio and note one idea afterwards"},
    {"community", "Community", "Contributing to the place and people around me.",
     "Running events and volunteering tie me to my neighbourhood.",
     "Volunteer at or run a local community run"},
    {"friendship", "Friendship", "Keeping close, trusted friends.",
     "A long run with a friend is the best conversation of the week.",
     "Plan a weekly run with one friend"},
    {"mindfulness", "Mindfulness", "Paying attention to the present moment.",
     "Running is a chance to notice my body, breath and surroundings.",
     "A run noticing your footsteps and breath"},
    {"fitness", "Fitness", "Strength, speed and stamina in daily life.",
     "Running keeps me fit enough for everything else I love.",
     "Add strides at the end of an easy run"},
    {"self_care", "Self-care", "Looking after my own needs kindly.",
     "A run is a way of taking care of myself, not punishing myself.",
     "A run where you stop whenever you want"},
    {"identity", "Being a runner", "Running as part of who I am.",
     "Running is part of who I am, not just something I do.",
     "Run your favourite route and enjoy it"},
    {"competition", "Competition", "Measuring myself against others and enjoying a race.",
     "Racing brings out my best.", "Enter a local race or a segment challenge"},
    {"spirituality", "Spirituality", "Connection with something bigger than myself.",
     "Long quiet runs feel like a kind of meditation or prayer.", "A sunrise run in silence"},
    {"gratitude", "Gratitude", "Appreciating what I have.",
     "Every run reminds me how lucky I am to be able to run.",
     "Name three things you are grateful for mid-run"},
    {"independence", "Independence", "Relying on myself and my own judgement.",
     "Running alone shows me I can manage on my own.", "Plan and run a route entirely on your own"},
    {"exploration", "Exploring places", "Getting to know cities, towns and landscapes.",
     "Running is how I learn a new place when I travel.",
     "Run a new neighbourhood or a city you visit"},
    {"learning", "Learning", "Curiosity and understanding how things work.",
     "Running lets me experiment and learn about my body.",
     "Try a new kind of session and note what you learn"},
    {"environment", "Caring for the environment", "Living lightly and protecting nature.",
     "Running is transport that costs the planet nothing.", "Run to an errand instead of driving"},
    {"balance", "Balance", "Giving each part of life its due, without excess.",
     "Running is a regular pause that keeps the rest of life in proportion.",
     "Keep this week's running short and easy"},
}};

}  // namespace

std::span<const CatalogueValue> value_catalogue() { return catalogue; }

std::optional<CatalogueValue> find_in_catalogue(std::string_view key_or_name) {
  const std::string wanted = detail::to_lower(detail::trim(key_or_name));
  for (const auto& entry : catalogue) {
    if (entry.key == wanted || detail::to_lower(entry.name) == wanted) return entry;
  }
  return std::nullopt;
}

Value value_from_catalogue(const CatalogueValue& entry) {
  Value value;
  value.name = std::string(entry.name);
  value.catalogue_key = std::string(entry.key);
  value.description = std::string(entry.description);
  value.link = std::string(entry.link);
  value.practices = {std::string(entry.practice)};
  return value;
}

}  // namespace cairn
