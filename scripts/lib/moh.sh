#!/bin/sh
# Synthesises Hotline's music on hold: a calm ~30 s loop (pad chords under a plucked
# melody), 8 kHz mono 16-bit WAV. Runs inside the sandbox root (needs sox).
# usage: sh moh.sh OUTPUT.wav
set -eu
out=$1
work=$(mktemp -d /tmp/hotline-moh.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

rate=8000
beat=0.6          # 100 bpm
bar=2.4           # 4 beats

# note name -> frequency (Hz)
f() {
  case $1 in
    A2) echo 110.00;; C3) echo 130.81;; D3) echo 146.83;; E3) echo 164.81;; F3) echo 174.61;;
    G3) echo 196.00;; A3) echo 220.00;; B3) echo 246.94;; C4) echo 261.63;; D4) echo 293.66;;
    E4) echo 329.63;; F4) echo 349.23;; G4) echo 392.00;; A4) echo 440.00;; B4) echo 493.88;;
    C5) echo 523.25;; D5) echo 587.33;; E5) echo 659.25;; G5) echo 783.99;;
  esac
}

# pad: one soft three-note chord per bar
n=0
for chord in "C3 E3 G3" "G3 B3 D4" "A3 C4 E4" "F3 A3 C4" \
             "C3 E3 G3" "G3 B3 D4" "F3 A3 C4" "C3 E3 G3" \
             "A3 C4 E4" "F3 A3 C4" "G3 B3 D4" "C3 E3 G3"; do
  set -- $chord
  n=$((n + 1))
  sox -q -r $rate -c 3 -n "pad$(printf %02d $n).wav" synth $bar \
      sine "$(f $1)" sine "$(f $2)" sine "$(f $3)" \
      remix - fade t 0.4 $bar 0.6 vol 0.35
done
sox -q pad*.wav pad.wav

# melody: plucked notes, four per bar ("-" is a rest)
n=0
for note in E4 G4 C5 G4   D4 G4 B4 G4   E4 A4 C5 A4   F4 A4 C5 A4 \
            G4 E4 C4 E4   D4 B3 G3 B3   C4 F4 A4 F4   E4 C4 G3 -  \
            E4 A4 C5 E5   F4 A4 C5 A4   D4 G4 B4 D5   C5 G4 E4 -; do
  n=$((n + 1))
  file="mel$(printf %03d $n).wav"
  if [ "$note" = - ]; then
    sox -q -n -r $rate -c 1 "$file" trim 0 $beat
  else
    sox -q -n -r $rate -c 1 "$file" synth $beat pluck "$(f $note)" fade q 0.005 $beat 0.35 vol 0.5
  fi
done
sox -q mel*.wav melody.wav

sox -q -m pad.wav melody.wav -r $rate -c 1 -b 16 -e signed-integer mix.wav \
    lowpass 3000 reverb 30 50 60 remix - norm -8 fade t 0.3 0 1.0
mv mix.wav "$out"
