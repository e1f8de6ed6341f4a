/* SPDX-License-Identifier: MIT */
/*
 * Finding a Windows program the way wslprobe runs them all: under the
 * root's C: mount (from the tree's mountinfo, else /mnt/c) in
 * Windows/System32/, never through $PATH, with the C: mount itself as the
 * working directory (cmd.exe refuses UNC working directories, and a
 * working directory inside the distro makes every interop call slow,
 * microsoft/WSL#8472).
 */
#ifndef WSLPROBE_GATHER_WINEXE_H
#define WSLPROBE_GATHER_WINEXE_H

struct winexe {
	char	*path;	/* as seen inside the root: /mnt/c/Windows/... */
	char	*host;	/* the same on this machine (root prefixed) */
	char	*cwd;	/* the C: mount on this machine */
	char	*why;	/* why it cannot run, or NULL */
};

/*
 * Looks up REL ("cmd.exe", "WindowsPowerShell/v1.0/powershell.exe")
 * under <C:>/Windows/System32/.  Returns 0 when it is executable, else
 * -1 with W->why set.  W always needs winexe_release.
 */
int	winexe_find(const char *root, const char *rel, struct winexe *w);
/* The same under CMOUNT, the C: mount found once for several programs. */
int	winexe_find_at(const char *root, const char *cmount, const char *rel,
	    struct winexe *w);
void	winexe_release(struct winexe *w);

#endif
