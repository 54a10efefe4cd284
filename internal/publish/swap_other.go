//go:build !linux

package publish

func exchange(a, b string) error { return errNoExchange }

func renameNew(old, new string) error { return errNoExchange }
