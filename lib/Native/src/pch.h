// Precompiled header: every translation unit of the shim starts from ATen and the shim's own helpers.
#pragma once
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>
