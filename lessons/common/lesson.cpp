#include "lessons/common/lesson.h"
