// LibYAML from the system (Debian: libyaml-dev; macOS: brew install libyaml).
#include <yaml.h>
