#!/usr/bin/env bash
# Regenerates the media fixtures of dev.arca.media's tests in this directory.
#
# Needs ffmpeg, exiftool and heif-enc (Debian: ffmpeg, libimage-exiftool-perl, libheif-examples).
# The tests themselves need none of these tools: they read the files this script leaves here.
# Every value written below is asserted by the tests, so change both together.
# The people, places and cameras named here are made up.
set -euo pipefail
cd "$(dirname "$0")"

for tool in ffmpeg exiftool heif-enc; do
  command -v "$tool" >/dev/null || { echo "make-fixtures.sh needs $tool on the PATH" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
# -P keeps the file dates stable; -overwrite_original leaves no *_original copies.
et() { exiftool -q -q -P -overwrite_original "$@"; }

rm -f photo.jpg orientation6.jpg iptc-only.jpg image.png image.gif image.webp image.tiff image.heic image.avif \
      raw.dng clip.mp4 clip.mov clip.mkv clip.webm clip.avi song.mp3 song.flac song.ogg song.opus \
      song.m4a song.wav sidecar-exiftool.xmp

# --- images -----------------------------------------------------------------------------------------

# A 640x480 test pattern with every kind of photo metadata: EXIF, GPS, XMP and IPTC.
ff -f lavfi -i testsrc2=size=640x480:rate=1 -frames:v 1 -q:v 4 photo.jpg
et -Make='Fictional Optics' -Model='FO-1 Mark II' -LensModel='FO 24-70mm F2.8' \
   -DateTimeOriginal='2024:05:17 14:03:21' -OffsetTimeOriginal='+02:00' -SubSecTimeOriginal=250 \
   -CreateDate='2024:05:17 14:03:21' -ExposureTime='1/250' -FNumber=5.6 -ISO=200 -FocalLength=50 \
   -Orientation#=1 \
   -GPSLatitude=52.516275 -GPSLatitudeRef=N -GPSLongitude=13.377704 -GPSLongitudeRef=E \
   -GPSAltitude=34.5 -GPSAltitudeRef='Above Sea Level' \
   -GPSDateStamp='2024:05:17' -GPSTimeStamp='12:03:21' \
   -XMP-dc:Title='Gate at dusk' -XMP-dc:Description='Evening light on the old gate' \
   -XMP-dc:Subject=city -XMP-dc:Subject=travel -XMP-dc:Subject='evening light' -XMP-xmp:Rating=4 \
   -IPTC:ObjectName='Gate (IPTC)' -IPTC:Caption-Abstract='Caption from IPTC' -IPTC:Keywords=iptc-keyword \
   -IPTC:City='Exampletown' -IPTC:By-line='A. Photographer' -Artist='A. Photographer' \
   photo.jpg

# Stored landscape 320x240: top half red, bottom half blue. EXIF orientation 6 means "rotate 90 degrees
# clockwise to display", so it displays as 240x320 with the red half on the right.
ff -f lavfi -i color=c=red:s=320x120 -f lavfi -i color=c=blue:s=320x120 \
   -filter_complex vstack -frames:v 1 -q:v 2 orientation6.jpg
et -Orientation#=6 -DateTimeOriginal='2021:01:02 03:04:05' orientation6.jpg

# Only IPTC (no XMP, no EXIF dates): title, caption and keywords come from IPTC.
ff -f lavfi -i color=c=green:s=64x48 -frames:v 1 iptc-only.jpg
et -IPTC:ObjectName='Harbour' -IPTC:Caption-Abstract='Boats in the harbour' \
   -IPTC:Keywords=boats -IPTC:Keywords=sea -IPTC:DateCreated=2019:07:04 -IPTC:TimeCreated=18:30:00+01:00 \
   iptc-only.jpg

# PNG with EXIF (eXIf chunk) and XMP (iTXt): southern and western hemisphere.
ff -f lavfi -i testsrc2=size=200x150:rate=1 -frames:v 1 image.png
et -Make='Fictional Optics' -Model='Pocket 3' -DateTimeOriginal='2022:12:24 18:00:00' \
   -GPSLatitude=22.951916 -GPSLatitudeRef=S -GPSLongitude=43.210487 -GPSLongitudeRef=W \
   -XMP-dc:Title='Hill view' -XMP-xmp:Rating=5 image.png

ff -f lavfi -i testsrc2=size=96x64:rate=1 -frames:v 1 image.gif
et -XMP-dc:Title='Tiny animation' image.gif

ff -f lavfi -i testsrc2=size=160x120:rate=1 -frames:v 1 -c:v libwebp -quality 70 image.webp
# No offset tag, but a GPS time stamp 3.5 hours later (UTC): the offset is derived as -03:30.
et -Make='Fictional Optics' -Model='Web 1' -DateTimeOriginal='2020:02:29 12:00:00' \
   -GPSLatitude=47.5615 -GPSLatitudeRef=N -GPSLongitude=52.7126 -GPSLongitudeRef=W \
   -GPSDateStamp='2020:02:29' -GPSTimeStamp='15:30:40' image.webp

ff -f lavfi -i testsrc2=size=160x120:rate=1 -frames:v 1 -c:v tiff -compression_algo deflate -pix_fmt rgb24 image.tiff
et -Make='Fictional Scanner' -Model='FS-9' -DateTimeOriginal='1999:12:31 23:59:59' -Orientation#=1 image.tiff

# HEIC: heif-enc carries the JPEG's EXIF into the HEIF container.
ff -f lavfi -i testsrc2=size=256x192:rate=1 -frames:v 1 -q:v 3 "$work/heic-source.jpg"
et -Make='Fictional Phone' -Model='FP 15' -DateTimeOriginal='2023:06:01 08:15:00' -OffsetTimeOriginal='-04:00' \
   -GPSLatitude=40.689247 -GPSLatitudeRef=N -GPSLongitude=74.044502 -GPSLongitudeRef=W "$work/heic-source.jpg"
heif-enc -q 40 -o image.heic "$work/heic-source.jpg" >/dev/null
# AVIF: the same picture, AV1-coded (no EXIF: the bench corpus covers AVIF metadata).
ff -f lavfi -i testsrc2=size=256x192:rate=1 -frames:v 1 -q:v 3 "$work/avif-source.jpg"
heif-enc -A -q 40 -o image.avif "$work/avif-source.jpg" >/dev/null

# A DNG-shaped TIFF (DNGVersion in IFD0, as every DNG has); uncompressed 64x48 RGB.
ff -f lavfi -i testsrc2=size=64x48:rate=1 -frames:v 1 -c:v tiff -compression_algo raw -pix_fmt rgb24 \
   "$work/raw.tif"
mv "$work/raw.tif" raw.dng
et -DNGVersion='1 4 0 0' -UniqueCameraModel='Fictional RAW 7' -Make='Fictional Optics' -Model='RAW 7' \
   -DateTimeOriginal='2018:03:10 10:20:30' -ISO=800 -ExposureTime='1/60' -FNumber=2.8 raw.dng

# --- video ------------------------------------------------------------------------------------------

# MP4: H.264 + AAC, 2 s, 320x240 at 25 fps; GPS in the QuickTime user data (©xyz).
ff -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440:sample_rate=44100 -t 2 \
   -c:v libx264 -preset veryfast -crf 35 -pix_fmt yuv420p -c:a aac -b:a 32k -ac 1 \
   -metadata creation_time=2023-08-12T09:30:00Z clip.mp4
et -UserData:GPSCoordinates='48.8584, 2.2945, 35' -UserData:Title='Tower clip' clip.mp4

# MOV: GPS and date in the Keys (mdta) metadata as Apple devices write them.
ff -f lavfi -i testsrc2=size=240x160:rate=30 -f lavfi -i sine=frequency=330:sample_rate=48000 -t 1 \
   -c:v libx264 -preset veryfast -crf 35 -pix_fmt yuv420p -c:a aac -b:a 32k -ac 2 \
   -metadata creation_time=2022-01-15T17:45:10Z clip.mov
et -Keys:GPSCoordinates='-33.8568, 151.2153, 5' -Keys:CreationDate='2022:01:16 04:45:10+11:00' \
   -Keys:Make='Fictional Phone' -Keys:Model='FP 14' clip.mov

# Matroska and WebM: codecs, dimensions, duration and the DateUTC of the segment info.
ff -f lavfi -i testsrc2=size=176x144:rate=10 -f lavfi -i sine=frequency=550:sample_rate=48000 -t 2 \
   -c:v libx264 -preset veryfast -crf 38 -pix_fmt yuv420p -c:a libvorbis -q:a 0 -ac 2 \
   -metadata creation_time=2021-04-05T06:07:08Z -metadata title='Matroska sample' clip.mkv
ff -f lavfi -i testsrc2=size=160x90:rate=15 -f lavfi -i sine=frequency=660:sample_rate=48000 -t 2 \
   -c:v libvpx-vp9 -b:v 50k -deadline realtime -cpu-used 8 -c:a libopus -b:a 24k -ac 1 \
   -metadata creation_time=2020-10-11T12:13:14Z clip.webm

ff -f lavfi -i testsrc2=size=160x120:rate=12 -f lavfi -i sine=frequency=440:sample_rate=22050 -t 2 \
   -c:v mpeg4 -q:v 20 -c:a pcm_u8 -ac 1 clip.avi

# --- audio ------------------------------------------------------------------------------------------

# A small cover picture, embedded into the MP3, FLAC and M4A.
ff -f lavfi -i color=c=orange:s=120x120 -frames:v 1 -q:v 5 "$work/cover.jpg"

tags=(-metadata title='Night Train' -metadata artist='The Examples' -metadata album='Fixtures'
      -metadata genre='Electronic' -metadata track='3/12' -metadata date=2021)

ff -f lavfi -i sine=frequency=440:sample_rate=44100 -i "$work/cover.jpg" -t 2 -map 0:a -map 1:v \
   -c:a libmp3lame -b:a 64k -ac 1 -c:v copy -id3v2_version 3 -metadata:s:v comment='Cover (front)' \
   "${tags[@]}" song.mp3

ff -f lavfi -i sine=frequency=440:sample_rate=22050 -i "$work/cover.jpg" -t 2 -map 0:a -map 1:v \
   -c:a flac -ac 1 -c:v copy -disposition:v attached_pic -metadata:s:v comment='Cover (front)' \
   "${tags[@]}" song.flac

ff -f lavfi -i sine=frequency=440:sample_rate=44100 -t 2 -c:a libvorbis -q:a 0 -ac 2 "${tags[@]}" song.ogg

ff -f lavfi -i sine=frequency=440:sample_rate=48000 -t 2 -c:a libopus -b:a 32k -ac 2 "${tags[@]}" song.opus

ff -f lavfi -i sine=frequency=440:sample_rate=44100 -i "$work/cover.jpg" -t 2 -map 0:a -map 1:v \
   -c:a aac -b:a 48k -ac 2 -c:v copy -disposition:v attached_pic -f ipod "${tags[@]}" song.m4a

ff -f lavfi -i sine=frequency=440:sample_rate=8000 -t 1 -c:a pcm_s16le -ac 1 "${tags[@]}" song.wav

# --- sidecars ---------------------------------------------------------------------------------------

# The XMP sidecar exiftool writes for the values XmpSidecarTest writes itself, to compare the two.
et -o sidecar-exiftool.xmp -XMP-dc:Title='Fish <&"> Chips' -XMP-dc:Description='Line one' \
   -XMP-dc:Subject=food -XMP-dc:Subject='<b>bold</b>' -XMP-xmp:Rating=3 \
   -XMP-exif:DateTimeOriginal='2024:05:17 14:03:21+02:00' \
   -XMP-exif:GPSLatitude='52.516275 N' -XMP-exif:GPSLongitude='13.377704 E'

ls -l
