#include "lessons/registry.h"
