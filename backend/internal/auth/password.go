package auth

import (
	"strings"
	"unicode/utf8"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

// MinPasswordLength follows NIST SP 800-63B's advice: length over
// composition rules, and a check against passwords everyone tries first.
const MinPasswordLength = 12

// maxPasswordLength bounds the work of hashing (Login refuses longer ones).
const maxPasswordLength = 1024

// commonPasswords are frequent passwords of breach corpora that are long
// enough to pass the length rule; compared case-insensitively.
var commonPasswords = map[string]bool{}

func init() {
	for _, p := range []string{
		"123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111",
		"000000000000", "qwertyuiopas", "qwertyuiop123", "qwerty123456", "1q2w3e4r5t6y",
		"password1234", "password12345", "password123!", "passwordpassword", "iloveyou1234",
		"administrator", "letmein12345", "welcome12345", "changeme1234", "trustno1trustno1",
		"abc123abc123", "abcdefghijkl", "aaaaaaaaaaaa", "football1234", "baseball1234",
		"superman1234", "princess1234", "sunshine1234", "monkey123456", "dragon123456",
		"masterkey123", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "correcthorsebatterystaple",
		"gatehouse123", "gatehouse1234", "apimanager123", "zaq12wsxcde3", "1qaz2wsx3edc",
	} {
		commonPasswords[p] = true
	}
}

// CheckPassword applies the password policy to a new password of username:
// at least 12 characters, not the username, not a common password. The
// error names the field "password".
func CheckPassword(username, password string) error {
	n := utf8.RuneCountInString(password)
	lower := strings.ToLower(password)
	switch {
	case n < MinPasswordLength:
		return errs.Field("password", "the password needs at least %d characters", MinPasswordLength)
	case len(password) > maxPasswordLength:
		return errs.Field("password", "the password is longer than %d bytes", maxPasswordLength)
	case username != "" && strings.Contains(lower, strings.ToLower(strings.TrimSpace(username))):
		return errs.Field("password", "the password must not contain the username")
	case commonPasswords[lower]:
		return errs.Field("password", "this password is among the most common ones; choose another")
	case strings.Count(password, password[:1]) == len(password):
		return errs.Field("password", "the password must not repeat one character")
	}
	return nil
}
