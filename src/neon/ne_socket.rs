//! C face of `ne_socket.h` (being written).
