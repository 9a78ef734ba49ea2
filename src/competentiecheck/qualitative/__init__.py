"""The shared core of the qualitative steps (company interviews, plannen van aanpak, partnership
interviews): coded data read from REFI-QDA projects or flat exports, against a codebook, and the
measures built on it (inter-coder agreement, matrices).

New steps are grouped in subpackages by what they serve; this is the first.
"""
