// password.js - the password policy hint and a client-side check that mirrors the server's
// (at least 8 characters, at least three of: upper, lower, digit, symbol). The server decides.

export const PASSWORD_HINT = '至少8位，包含大写字母、小写字母、数字、符号中的至少三类'

/* passwordProblem: '' when pw meets the policy, else a Chinese message. */
export function passwordProblem(pw) {
  if (!pw || pw.length < 8) return '密码至少8位'
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw))
  if (classes.length < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类'
  return ''
}

/* passwordRule: an el-form rule running passwordProblem. */
export const passwordRule = {
  trigger: 'blur',
  validator: (_rule, value, cb) => {
    const p = passwordProblem(value)
    if (p) cb(new Error(p))
    else cb()
  }
}
