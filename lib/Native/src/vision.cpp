// Vision exports: image decode/encode, resize, Haar-cascade face detection and video frame reading, all
// through OpenCV. The only translation unit that includes OpenCV headers.
//
// Images cross the boundary as HWC tensors in RGB(A) order: uint8 for 8-bit files, int32 for 16-bit ones
// (libtorch 1.13 has no uint16). Every failure names the file (or the caller's label for a buffer).
#include "shim.h"
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <opencv2/videoio.hpp>
#include <cmath>
#include <fstream>
#include <iterator>

using namespace dn;

namespace {

std::string quoted(const char* name) { return std::string("'") + (name ? name : "<null>") + "'"; }

// ---- Mat <-> tensor -------------------------------------------------------------------------------

// Colour order: OpenCV stores BGR(A); the kit's tensors are RGB(A).
void to_rgb_inplace(cv::Mat& m) {
    if (m.channels() == 3) cv::cvtColor(m, m, cv::COLOR_BGR2RGB);
    else if (m.channels() == 4) cv::cvtColor(m, m, cv::COLOR_BGRA2RGBA);
}

void to_bgr_inplace(cv::Mat& m) {
    if (m.channels() == 3) cv::cvtColor(m, m, cv::COLOR_RGB2BGR);
    else if (m.channels() == 4) cv::cvtColor(m, m, cv::COLOR_RGBA2BGRA);
}

at::Tensor mat_to_tensor(const cv::Mat& src) {
    cv::Mat m = src;
    at::ScalarType dtype;
    switch (m.depth()) {
        case CV_8U: dtype = at::kByte; break;
        case CV_16U:
        case CV_16S: m.convertTo(m, CV_32S); dtype = at::kInt; break;
        case CV_32F: dtype = at::kFloat; break;
        default: TORCH_CHECK(false, "image pixel depth ", m.depth(), " (OpenCV code) is not supported; expected 8 or 16 bits");
    }
    if (!m.isContinuous()) m = m.clone();
    auto t = at::empty({m.rows, m.cols, m.channels()}, at::TensorOptions().dtype(dtype));
    std::memcpy(t.data_ptr(), m.data, m.total() * m.elemSize());
    return t;
}

// A cv::Mat header over a contiguous CPU HWC (or HW) tensor; the tensor must outlive the Mat.
cv::Mat tensor_to_mat(const at::Tensor& t, const char* what) {
    TORCH_CHECK(t.dim() == 2 || t.dim() == 3, what, ": expected an HWC (or HW) image tensor, got ", t.dim(), " dimensions");
    TORCH_CHECK(t.device().is_cpu(), what, ": the image tensor must be on the CPU");
    TORCH_CHECK(t.is_contiguous(), what, ": the image tensor must be contiguous");
    int channels = t.dim() == 3 ? static_cast<int>(t.size(2)) : 1;
    TORCH_CHECK(channels >= 1 && channels <= 4, what, ": images have 1 to 4 channels, got ", channels);
    int depth;
    switch (t.scalar_type()) {
        case at::kByte: depth = CV_8U; break;
        case at::kInt: depth = CV_32S; break;
        case at::kFloat: depth = CV_32F; break;
        default: TORCH_CHECK(false, what, ": image tensors are uint8, int32 (16-bit) or float32, got ", t.scalar_type());
    }
    return cv::Mat(static_cast<int>(t.size(0)), static_cast<int>(t.size(1)), CV_MAKETYPE(depth, channels), t.data_ptr());
}

// ---- decode ---------------------------------------------------------------------------------------

// libjpeg treats a missing end marker as a warning and returns a grey-filled image; a truncated JPEG is
// refused here instead. Entropy-coded data escapes 0xFF bytes, so FF D9 near the end can only be EOI.
bool jpeg_looks_truncated(const uint8_t* data, size_t n) {
    if (n < 4 || data[0] != 0xFF || data[1] != 0xD8) return false;
    size_t from = n > 64 ? n - 64 : 0;
    for (size_t i = n - 1; i > from; --i)
        if (data[i - 1] == 0xFF && data[i] == 0xD9) return false;
    return true;
}

// mode: 0 unchanged (bit depth and channels as stored), 1 RGB (8-bit, 3 channels), 2 gray (8-bit, 1 channel).
at::Tensor decode(const uint8_t* data, size_t n, int mode, const char* name) {
    TORCH_CHECK(n > 0, "image ", quoted(name), " is empty (0 bytes)");
    TORCH_CHECK(!jpeg_looks_truncated(data, n), "image ", quoted(name), " is a truncated JPEG (no end-of-image marker)");
    int flags = mode == 1 ? cv::IMREAD_COLOR : mode == 2 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_UNCHANGED;
    flags |= cv::IMREAD_IGNORE_ORIENTATION;  // one behaviour for every mode (IMREAD_UNCHANGED ignores EXIF anyway)
    cv::Mat buffer(1, static_cast<int>(n), CV_8U, const_cast<uint8_t*>(data));
    cv::Mat m;
    try {
        m = cv::imdecode(buffer, flags);
    } catch (const cv::Exception& e) {
        TORCH_CHECK(false, "image ", quoted(name), " could not be decoded: ", e.err);
    }
    TORCH_CHECK(!m.empty(), "image ", quoted(name), " could not be decoded (corrupt, truncated or not a PNG/JPEG/BMP file)");
    to_rgb_inplace(m);
    return mat_to_tensor(m);
}

std::vector<uint8_t> read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    TORCH_CHECK(in.good(), "image file ", quoted(path), " could not be opened (missing or unreadable)");
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    TORCH_CHECK(!in.bad(), "image file ", quoted(path), " could not be read");
    return bytes;
}

int interpolation(int mode) {
    switch (mode) {
        case 0: return cv::INTER_NEAREST;
        case 1: return cv::INTER_LINEAR;
        case 2: return cv::INTER_CUBIC;
        case 3: return cv::INTER_AREA;
        default: TORCH_CHECK(false, "unknown resize mode ", mode, " (0 nearest, 1 bilinear, 2 bicubic, 3 area)");
    }
}

// ---- video ----------------------------------------------------------------------------------------

// An open video plus the position of a frame-sampling read that may continue over several calls.
struct Video {
    std::string path;
    cv::VideoCapture capture;
    double fps = 0;
    cv::Mat last;               // the most recently decoded source frame (BGR)
    int64_t last_index = -1;    // its index in the source
    int64_t next_output = 0;    // index of the next output frame at the requested rate
    double rate = 0;            // the requested rate, fixed by the first read
    bool started = false;
};

Video& V(void* h) {
    TORCH_CHECK(h != nullptr, "video handle is null (the reader was disposed)");
    return *static_cast<Video*>(h);
}

cv::CascadeClassifier& C(void* h) {
    TORCH_CHECK(h != nullptr, "face detector handle is null (the detector was disposed)");
    return *static_cast<cv::CascadeClassifier*>(h);
}

}  // namespace

// ---- images -----------------------------------------------------------------------------------------

DN_EXPORT TensorH dn_image_decode_file(const char* path, int mode) {
    return tensor_guard([&] {
        auto bytes = read_file(path);
        return decode(bytes.data(), bytes.size(), mode, path);
    });
}

// `name` only labels error messages (e.g. the archive member the bytes came from).
DN_EXPORT TensorH dn_image_decode_buffer(const uint8_t* data, int64_t n, int mode, const char* name) {
    return tensor_guard([&] {
        TORCH_CHECK(n >= 0, "image buffer length is negative");
        return decode(data, static_cast<size_t>(n), mode, name);
    });
}

// Encodes an HWC RGB(A)/gray tensor (uint8, or int32 holding 0..65535 for a 16-bit PNG) into a uint8 tensor of
// file bytes. ext: ".png", ".jpg"/".jpeg" or ".bmp"; quality: JPEG quality 0..100 (ignored for PNG/BMP).
DN_EXPORT TensorH dn_image_encode(TensorH image, const char* ext, int quality) {
    return tensor_guard([&] {
        auto t = T(image).detach().to(at::kCPU).contiguous();
        std::string e = ext ? ext : "";
        bool png = e == ".png";
        if (t.scalar_type() == at::kInt) {
            TORCH_CHECK(png, "16-bit (int32) images can only be encoded as PNG, not ", e);
            auto lo = t.min().item<int>(), hi = t.max().item<int>();
            TORCH_CHECK(lo >= 0 && hi <= 65535, "16-bit PNG values must lie in 0..65535, got ", lo, "..", hi);
        } else {
            TORCH_CHECK(t.scalar_type() == at::kByte, "images are encoded from uint8 (or int32 for 16-bit PNG) tensors, got ", t.scalar_type());
        }
        cv::Mat m = tensor_to_mat(t, "encode");
        if (m.depth() == CV_32S) m.convertTo(m, CV_16U);
        else m = m.clone();
        to_bgr_inplace(m);
        std::vector<int> params;
        if (e == ".jpg" || e == ".jpeg") {
            TORCH_CHECK(quality >= 0 && quality <= 100, "JPEG quality must lie in 0..100, got ", quality);
            TORCH_CHECK(m.channels() != 4, "JPEG has no alpha channel; drop it before encoding");
            params = {cv::IMWRITE_JPEG_QUALITY, quality};
        } else {
            TORCH_CHECK(png || e == ".bmp", "unsupported image format '", e, "' (use .png, .jpg, .jpeg or .bmp)");
        }
        std::vector<uchar> out;
        TORCH_CHECK(cv::imencode(e, m, out, params), "OpenCV could not encode the image as ", e);
        auto bytes = at::empty({static_cast<int64_t>(out.size())}, at::TensorOptions().dtype(at::kByte));
        std::memcpy(bytes.data_ptr(), out.data(), out.size());
        return bytes;
    });
}

// cv::resize of an HWC (or HW) uint8 or float32 tensor; mode 0 nearest, 1 bilinear, 2 bicubic, 3 area.
DN_EXPORT TensorH dn_image_resize(TensorH image, int64_t height, int64_t width, int mode) {
    return tensor_guard([&] {
        TORCH_CHECK(height > 0 && width > 0, "resize target must be positive, got ", height, "x", width);
        auto t = T(image).detach().to(at::kCPU).contiguous();
        TORCH_CHECK(t.scalar_type() == at::kByte || t.scalar_type() == at::kFloat, "resize takes uint8 or float32 images, got ", t.scalar_type());
        bool hw = t.dim() == 2;
        cv::Mat src = tensor_to_mat(t, "resize");
        TORCH_CHECK(src.rows > 0 && src.cols > 0, "cannot resize an empty image");
        cv::Mat dst;
        cv::resize(src, dst, cv::Size(static_cast<int>(width), static_cast<int>(height)), 0, 0, interpolation(mode));
        auto out = mat_to_tensor(dst);
        return hw ? out.squeeze(2) : out;
    });
}

// ---- face detection ---------------------------------------------------------------------------------

DN_EXPORT void* dn_cascade_load(const char* path) {
    return guard<void*>(nullptr, [&]() -> void* {
        auto* c = new cv::CascadeClassifier();
        bool ok = false;
        try {
            ok = c->load(path);
        } catch (...) {
            delete c;
            throw;
        }
        if (!ok || c->empty()) {
            delete c;
            TORCH_CHECK(false, "cascade file ", quoted(path), " could not be loaded as an OpenCV Haar cascade");
        }
        return c;
    });
}

DN_EXPORT void dn_cascade_free(void* h) { guard<int>(0, [&] { delete static_cast<cv::CascadeClassifier*>(h); return 0; }); }

// Detects objects in an HWC uint8 RGB (or gray) image. Returns float64 [N,5]: x, y, width, height and the
// detector's level weight (the final stage's sum: larger = more confident), in the cascade's own order.
DN_EXPORT TensorH dn_cascade_detect(void* h, TensorH image, double scale_factor, int min_neighbors, int min_size,
                                    int max_size, int equalize) {
    return tensor_guard([&] {
        auto t = T(image).detach().to(at::kCPU).contiguous();
        TORCH_CHECK(t.scalar_type() == at::kByte, "face detection takes a uint8 image, got ", t.scalar_type());
        TORCH_CHECK(scale_factor > 1.0, "scale factor must exceed 1, got ", scale_factor);
        cv::Mat src = tensor_to_mat(t, "face detection");
        cv::Mat gray;
        if (src.channels() == 1) gray = src.clone();
        else cv::cvtColor(src, gray, src.channels() == 3 ? cv::COLOR_RGB2GRAY : cv::COLOR_RGBA2GRAY);
        if (equalize) cv::equalizeHist(gray, gray);
        std::vector<cv::Rect> boxes;
        std::vector<int> levels;
        std::vector<double> weights;
        C(h).detectMultiScale(gray, boxes, levels, weights, scale_factor, min_neighbors, 0, cv::Size(min_size, min_size),
                              max_size > 0 ? cv::Size(max_size, max_size) : cv::Size(), /*outputRejectLevels=*/true);
        auto out = at::empty({static_cast<int64_t>(boxes.size()), 5}, at::TensorOptions().dtype(at::kDouble));
        auto a = out.accessor<double, 2>();
        for (size_t i = 0; i < boxes.size(); ++i) {
            a[i][0] = boxes[i].x;
            a[i][1] = boxes[i].y;
            a[i][2] = boxes[i].width;
            a[i][3] = boxes[i].height;
            a[i][4] = i < weights.size() ? weights[i] : 0.0;
        }
        return out;
    });
}

// ---- video ------------------------------------------------------------------------------------------

DN_EXPORT void* dn_video_open(const char* path) {
    return guard<void*>(nullptr, [&]() -> void* {
        std::ifstream probe(path, std::ios::binary);
        TORCH_CHECK(probe.good(), "video file ", quoted(path), " could not be opened (missing or unreadable)");
        auto v = std::make_unique<Video>();
        v->path = path;
        TORCH_CHECK(v->capture.open(v->path, cv::CAP_FFMPEG) && v->capture.isOpened(),
                    "video file ", quoted(path), " could not be opened as a video (corrupt, truncated or an unsupported format)");
        v->fps = v->capture.get(cv::CAP_PROP_FPS);
        TORCH_CHECK(std::isfinite(v->fps) && v->fps > 0, "video file ", quoted(path), " reports no frame rate");
        return v.release();
    });
}

DN_EXPORT void dn_video_free(void* h) { guard<int>(0, [&] { delete static_cast<Video*>(h); return 0; }); }

// info: fps, frame count (the container's estimate), width, height.
DN_EXPORT int dn_video_info(void* h, double* info) {
    return void_guard([&] {
        auto& v = V(h);
        info[0] = v.fps;
        info[1] = v.capture.get(cv::CAP_PROP_FRAME_COUNT);
        info[2] = v.capture.get(cv::CAP_PROP_FRAME_WIDTH);
        info[3] = v.capture.get(cv::CAP_PROP_FRAME_HEIGHT);
    });
}

// Reads up to max_frames (< 0: all remaining) frames as uint8 [T,H,W,3] RGB, continuing where the last call
// stopped. fps <= 0 keeps every source frame; otherwise output frame k shows the source frame on screen at
// time k/fps, i.e. source index floor(k * source_fps / fps). height/width <= 0 keep the source size.
DN_EXPORT TensorH dn_video_read(void* h, double fps, int64_t height, int64_t width, int64_t max_frames, int mode) {
    return tensor_guard([&] {
        auto& v = V(h);
        int interp = interpolation(mode);
        TORCH_CHECK(!v.started || fps == v.rate, "video ", quoted(v.path.c_str()),
                    ": the frame rate cannot change in the middle of a read (open the file again)");
        v.started = true;
        v.rate = fps;
        std::vector<cv::Mat> frames;
        bool ended = false;
        while (!ended && (max_frames < 0 || static_cast<int64_t>(frames.size()) < max_frames)) {
            // A tiny epsilon absorbs the rounding of k * source_fps / fps at exact multiples.
            int64_t wanted = fps > 0 ? static_cast<int64_t>(std::floor(v.next_output * v.fps / fps + 1e-9)) : v.last_index + 1;
            while (v.last_index < wanted) {
                // Frames that no output shows are only grabbed, not decoded.
                bool ok = v.last_index + 1 < wanted ? v.capture.grab() : v.capture.read(v.last) && !v.last.empty();
                if (!ok) { ended = true; break; }
                ++v.last_index;
            }
            if (ended) break;
            cv::Mat out;
            if (height > 0 && width > 0 && (v.last.rows != height || v.last.cols != width))
                cv::resize(v.last, out, cv::Size(static_cast<int>(width), static_cast<int>(height)), 0, 0, interp);
            else
                out = v.last;
            cv::Mat rgb;
            cv::cvtColor(out, rgb, out.channels() == 4 ? cv::COLOR_BGRA2RGB : cv::COLOR_BGR2RGB);
            frames.push_back(rgb);
            ++v.next_output;
        }
        int64_t rows = frames.empty() ? std::max<int64_t>(height, 0) : frames[0].rows;
        int64_t cols = frames.empty() ? std::max<int64_t>(width, 0) : frames[0].cols;
        auto result = at::empty({static_cast<int64_t>(frames.size()), rows, cols, 3}, at::TensorOptions().dtype(at::kByte));
        auto* dst = result.data_ptr<uint8_t>();
        size_t frame_bytes = static_cast<size_t>(rows * cols * 3);
        for (size_t i = 0; i < frames.size(); ++i) {
            TORCH_CHECK(frames[i].rows == rows && frames[i].cols == cols && frames[i].isContinuous(),
                        "video ", quoted(v.path.c_str()), ": the frame size changed mid-stream; request a fixed size");
            std::memcpy(dst + i * frame_bytes, frames[i].data, frame_bytes);
        }
        return result;
    });
}
