#!/bin/sh
# The site suite runs against an incremental build, so every test also checks what
# `npm run build` keeps from a previous build. First a full build of content/ as it was
# a little earlier: without its newest English article and with an older body of
# z2001. Then content/ as it is, built incrementally into the same dist dir.
set -e
: "${CONTENT_DIR:?}" "${NEXT_DIST_DIR:?}"
rm -rf "$CONTENT_DIR" "$NEXT_DIST_DIR"
cp -r content "$CONTENT_DIR"
rm "$CONTENT_DIR/en/news/kanbao/k1011.en.md"
sed -i 's/^今年将新增两百辆电动公交车。$/旧的正文。/' "$CONTENT_DIR/zh-CN/news/kanbao/z2001.zh-CN.md"
KANBAO_FULL_BUILD=1 npm run build
rm -rf "$CONTENT_DIR"
cp -r content "$CONTENT_DIR"
npm run build
