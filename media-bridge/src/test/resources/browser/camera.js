// The test pages' fake camera and microphone: 320×240 at 15 fps unless the harness asks for more
// in the page's address (?width=&height=&fps=), as the benchmarks do.
export function openCamera() {
  const params = new URLSearchParams(location.search);
  return navigator.mediaDevices.getUserMedia({
    audio: true,
    video: {
      width: Number(params.get('width') || 320),
      height: Number(params.get('height') || 240),
      frameRate: Number(params.get('fps') || 15),
    },
  });
}
