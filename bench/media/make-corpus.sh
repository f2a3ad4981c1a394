#!/usr/bin/env bash
# Generates the mixed media corpus of the media benchmark into a directory (default: a new temp dir)
# and prints that directory. Not committed: it is a few hundred MB.
#
#   bench/media/make-corpus.sh [DIR]
#
# 240 images (JPEG in four sizes up to 24 MP, PNG, WebP, TIFF, GIF, HEIC) with camera, GPS, date and
# descriptive tags written by exiftool, 12 videos (MP4, MOV, MKV, WebM, AVI) and 18 audio files (MP3,
# FLAC, Ogg Vorbis, Opus, M4A, WAV) with tags. Values come from a fixed seed, so two runs make the
# same corpus. Needs ffmpeg, exiftool and heif-enc.
set -euo pipefail
out=${1:-$(mktemp -d -t arca-media-corpus.XXXXXX)}
mkdir -p "$out"
cd "$out"
RANDOM=20240517

ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }

# --- pixels -------------------------------------------------------------------------------------------
# Each ffmpeg run writes many distinct frames of a moving test pattern.
ff -f lavfi -i testsrc2=size=640x480:rate=25 -frames:v 60 -q:v 4 jpg-small-%03d.jpg
ff -f lavfi -i testsrc2=size=1920x1080:rate=25 -frames:v 60 -q:v 3 jpg-hd-%03d.jpg
ff -f lavfi -i testsrc2=size=4000x3000:rate=25 -frames:v 30 -q:v 3 jpg-12mp-%03d.jpg
ff -f lavfi -i testsrc2=size=6000x4000:rate=25 -frames:v 10 -q:v 3 jpg-24mp-%03d.jpg
ff -f lavfi -i testsrc2=size=1280x960:rate=25 -frames:v 20 png-%03d.png
ff -f lavfi -i testsrc2=size=1600x1200:rate=25 -frames:v 20 -c:v libwebp -quality 80 webp-%03d.webp
ff -f lavfi -i testsrc2=size=1024x768:rate=25 -frames:v 10 -c:v tiff -compression_algo deflate -pix_fmt rgb24 tiff-%03d.tiff
for i in $(seq -w 1 10); do
  ff -f lavfi -i testsrc2=size=480x360:rate=25 -ss "$i" -frames:v 1 -f gif "gif-0$i.gif"
done
for i in 1 2 3 4 5; do
  ff -f lavfi -i testsrc2=size=2048x1536:rate=25 -ss "$i" -frames:v 1 -q:v 3 "heic-src-$i.jpg"
done

# --- tags -------------------------------------------------------------------------------------------
makes=("Canon|Canon EOS R5|RF24-105mm F4 L IS USM" "NIKON CORPORATION|NIKON Z 6_2|NIKKOR Z 24-70mm f/4 S"
       "SONY|ILCE-7M4|FE 24-105mm F4 G OSS" "FUJIFILM|X-T4|XF16-80mmF4 R OIS WR" "Apple|iPhone 13|iPhone 13 back camera"
       "samsung|SM-G991B|" "Google|Pixel 7|")
titles=("Harbour at dawn" "Market day" "Old town walls" "Snow on the pass" "Family picnic" "Night tram"
        "Café au lait" "Überseequartier" "Rainy street" "Birthday cake")
words=(travel family city nature food night architecture beach mountains friends)
offsets=("+02:00" "+01:00" "-05:00" "+09:00" "+05:30" "-03:30" "+00:00")
exposures=("1/60" "1/125" "1/250" "1/500" "1/1000" "1/30" "0.5")

args=$(mktemp)
n=0
for f in jpg-*.jpg png-*.png webp-*.webp tiff-*.tiff gif-*.gif heic-src-*.jpg; do
  n=$((n + 1))
  IFS='|' read -r make model lens <<< "${makes[$((RANDOM % ${#makes[@]}))]}"
  year=$((2005 + RANDOM % 19)); month=$((1 + RANDOM % 12)); day=$((1 + RANDOM % 28))
  hour=$((RANDOM % 24)); minute=$((RANDOM % 60)); second=$((RANDOM % 60))
  date=$(printf '%04d:%02d:%02d %02d:%02d:%02d' "$year" "$month" "$day" "$hour" "$minute" "$second")
  lat=$(printf '%d.%06d' $((RANDOM % 70)) $((RANDOM * 30 % 1000000)))
  lon=$(printf '%d.%06d' $((RANDOM % 179)) $((RANDOM * 30 % 1000000)))
  {
    echo "-Make=$make"; echo "-Model=$model"
    [ -n "$lens" ] && echo "-LensModel=$lens"
    echo "-DateTimeOriginal=$date"; echo "-CreateDate=$date"
    if [ $((n % 3)) -ne 0 ]; then echo "-OffsetTimeOriginal=${offsets[$((RANDOM % ${#offsets[@]}))]}"; fi
    echo "-ExposureTime=${exposures[$((RANDOM % ${#exposures[@]}))]}"
    echo "-FNumber=$((2 + RANDOM % 9)).$((RANDOM % 10))"; echo "-ISO=$((100 * (1 + RANDOM % 64)))"
    echo "-FocalLength=$((14 + RANDOM % 186))"
    if [ $((n % 4)) -ne 0 ]; then
      echo "-GPSLatitude=$lat"; echo "-GPSLatitudeRef=$([ $((RANDOM % 2)) -eq 0 ] && echo N || echo S)"
      echo "-GPSLongitude=$lon"; echo "-GPSLongitudeRef=$([ $((RANDOM % 2)) -eq 0 ] && echo E || echo W)"
      echo "-GPSAltitude=$((RANDOM % 3000))"; echo "-GPSAltitudeRef=0"
    fi
    if [ $((n % 2)) -eq 0 ]; then
      echo "-XMP-dc:Title=${titles[$((RANDOM % ${#titles[@]}))]}"
      echo "-XMP-dc:Description=Picture $n of the benchmark corpus"
      echo "-XMP-dc:Subject=${words[$((RANDOM % ${#words[@]}))]}"; echo "-XMP-dc:Subject=${words[$((RANDOM % ${#words[@]}))]}"
      echo "-XMP-xmp:Rating=$((RANDOM % 6))"
    fi
    if [ $((n % 5)) -eq 0 ]; then
      echo "-IPTC:ObjectName=${titles[$((RANDOM % ${#titles[@]}))]}"; echo "-IPTC:Keywords=${words[$((RANDOM % ${#words[@]}))]}"
      echo "-IPTC:City=Exampletown"
    fi
    case "$f" in jpg-*) [ $((n % 7)) -eq 0 ] && echo "-Orientation#=6"; [ $((n % 11)) -eq 0 ] && echo "-Orientation#=8";; esac
    echo "-overwrite_original"; echo "$f"; echo "-execute"
  } >> "$args"
done
exiftool -q -q -@ "$args" >/dev/null
rm -f "$args"

for i in 1 2 3 4 5; do
  heif-enc -q 50 -o "heic-$i.heic" "heic-src-$i.jpg" >/dev/null
  rm "heic-src-$i.jpg"
done

# --- video ------------------------------------------------------------------------------------------
for i in 1 2 3; do
  ff -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=$((300 + i * 100)):sample_rate=48000 -t $((2 + i)) \
     -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p -c:a aac -b:a 96k \
     -metadata creation_time=202$i-0$i-1${i}T1$i:00:00Z "video-$i.mp4"
  exiftool -q -q -overwrite_original -UserData:GPSCoordinates="4$i.1234, -7$i.5678, 1$i" "video-$i.mp4"
  ff -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 2 \
     -c:v libx264 -preset ultrafast -crf 32 -pix_fmt yuv420p -c:a aac -b:a 96k \
     -metadata creation_time=2019-0$i-0${i}T0$i:30:00Z "video-$i.mov"
  exiftool -q -q -overwrite_original -Keys:GPSCoordinates="-3$i.5, 14$i.25, 20" \
     -Keys:CreationDate="2019:0$i:0$i 1$i:30:00+10:00" -Keys:Make=Apple -Keys:Model="iPhone 1$i" "video-$i.mov"
  ff -f lavfi -i testsrc2=size=854x480:rate=25 -f lavfi -i sine=frequency=500:sample_rate=48000 -t 3 \
     -c:v libx264 -preset veryfast -crf 32 -pix_fmt yuv420p -c:a libvorbis -metadata title="Matroska $i" \
     -metadata creation_time=2018-0$i-01T00:00:00Z "video-$i.mkv"
done
ff -f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=500:sample_rate=48000 -t 3 \
   -c:v libvpx-vp9 -b:v 300k -deadline realtime -cpu-used 8 -c:a libopus -metadata creation_time=2022-02-02T02:02:02Z video-1.webm
ff -f lavfi -i testsrc2=size=640x480:rate=25 -f lavfi -i sine=frequency=500:sample_rate=44100 -t 3 \
   -c:v mpeg4 -q:v 5 -c:a libmp3lame video-1.avi
ff -f lavfi -i testsrc2=size=320x240:rate=25 -t 3 -c:v mpeg4 -q:v 5 video-2.avi

# --- audio ------------------------------------------------------------------------------------------
ff -f lavfi -i color=c=teal:s=500x500 -frames:v 1 -q:v 3 cover.jpg
artists=("The Examples" "Ada & the Lovelaces" "Nordlicht" "Los Ejemplos" "Quiet Rooms" "Ünver Ensemble")
for i in $(seq 1 3); do
  tags=(-metadata title="Track $i" -metadata artist="${artists[$((RANDOM % ${#artists[@]}))]}"
        -metadata album="Album $((i % 2 + 1))" -metadata genre=Jazz -metadata track="$i/10" -metadata date=$((1990 + i * 7)))
  ff -f lavfi -i sine=frequency=$((200 + i * 50)):sample_rate=44100 -i cover.jpg -t 20 -map 0:a -map 1:v -c:a libmp3lame \
     -b:a 192k -c:v copy -id3v2_version 3 "${tags[@]}" "audio-$i.mp3"
  ff -f lavfi -i sine=frequency=$((200 + i * 50)):sample_rate=44100 -i cover.jpg -t 10 -map 0:a -map 1:v -c:a flac \
     -c:v copy -disposition:v attached_pic "${tags[@]}" "audio-$i.flac"
  ff -f lavfi -i sine=frequency=$((200 + i * 50)):sample_rate=44100 -t 20 -c:a libvorbis "${tags[@]}" "audio-$i.ogg"
  ff -f lavfi -i sine=frequency=$((200 + i * 50)):sample_rate=48000 -t 20 -c:a libopus "${tags[@]}" "audio-$i.opus"
  ff -f lavfi -i sine=frequency=$((200 + i * 50)):sample_rate=44100 -i cover.jpg -t 20 -map 0:a -map 1:v -c:a aac \
     -c:v copy -disposition:v attached_pic -f ipod "${tags[@]}" "audio-$i.m4a"
  ff -f lavfi -i sine=frequency=$((200 + i * 50)):sample_rate=44100 -t 5 -c:a pcm_s16le "${tags[@]}" "audio-$i.wav"
done
rm cover.jpg
echo "$out"
