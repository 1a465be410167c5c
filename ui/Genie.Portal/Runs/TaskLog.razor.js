// Keeps a followed log's newest line in view.
export function scrollToEnd(element) {
    element.scrollTop = element.scrollHeight;
}
