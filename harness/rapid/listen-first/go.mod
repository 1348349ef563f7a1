module lsc.invalid/rapid/listen-first

go 1.22
