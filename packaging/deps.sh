#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages needed to build, run and test System
# Design Studio. Skips what is already installed, so running it again is cheap
# and changes nothing. Uses sudo when not run as root.
#   --fuzz   also clang and libFuzzer, for the fuzz preset
#   --bench  also what the benchmarks compare against (SimPy)
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config dpkg-dev file
  # Qt 6.4+ (Core, Gui, Widgets, Sql, Test, Svg) and the SQLite driver
  qt6-base-dev qt6-svg-dev libqt6svg6 libqt6sql6-sqlite libgl-dev
  # QtCharts for the lab's charts (Debian's Charts CMake config needs OpenGL's)
  qt6-charts-dev libqt6opengl6-dev
  # Markdown to HTML for the reader
  libmd4c-dev libmd4c-html0-dev
  # Anki deck packages: zip archives, zstd-compressed collections inside
  libzip-dev libzstd-dev
  # fonts, so windows and screenshots render text on a bare machine
  fonts-dejavu-core fontconfig
  # checks of the desktop integration and screenshots under a virtual display
  desktop-file-utils appstream xvfb xauth
)

for arg in "$@"; do
  case "$arg" in
    --fuzz) packages+=(clang libclang-rt-dev) ;;
    --bench) packages+=(python3 python3-simpy) ;;
    *) echo "deps: unknown option $arg (use --fuzz or --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
