// Browser tests: Debian's Chromium driven by playwright-core against the real backend with demo data.
// One scenario per screen group; each saves a screenshot to console/test-results/ when it fails.
// Without a Chromium binary they skip, saying why. CONSOLE_SCREENSHOTS=docs also refreshes the
// README's screenshots under docs/.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PYTHON, ROOT, api, startBackend } from './backend.mjs'

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const RESULTS = join(ROOT, 'console/test-results')
const DOCS = process.env.CONSOLE_SCREENSHOTS === 'docs' ? join(ROOT, 'docs') : null
const skip = existsSync(CHROMIUM) ? false : `未找到 Chromium（${CHROMIUM}）：apt-get install -y chromium 后可运行浏览器测试`

describe('staff console in Chromium', { skip }, () => {
  let backend
  let browser
  const created = {}

  before(async () => {
    const { chromium } = await import('playwright-core')
    backend = await startBackend()
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })
    // Test data through the real API: two registrations to review, residents to notify.
    const leader = await api(backend.base, 'POST', '/api/mp/v1/auth/dev-login', { body: { openid: 'e2e-leader', role: 'resident' } })
    const towns = (await api(backend.base, 'GET', '/api/mp/v1/regions')).items
    const register = (name) => api(backend.base, 'POST', '/api/mp/v1/orgs', {
      token: leader.token,
      body: {
        name, legal_form: 'social_group', category: 'community_service', town_id: towns[0].id, contact_name: '测试联系人',
        contact_phone: '13912345678', description: `${name}（浏览器测试）`,
        charter_text: '第一条 本会坚持中国共产党的全面领导，遵守宪法和法律。',
      },
    })
    created.approve = await register('临城街道浏览器测试甲协会')
    created.return = await register('临城街道浏览器测试乙协会')
    // Two-level review: the town gives its opinion before the district (the console's user here) decides.
    const townStaff = await api(backend.base, 'POST', '/api/mp/v1/auth/dev-login', {
      body: { openid: 'e2e-town-staff', role: 'staff', scope_region_id: towns[0].id },
    })
    for (const org of [created.approve, created.return]) {
      await api(backend.base, 'POST', `/api/admin/v1/orgs/${org.id}/town-review`, {
        token: townStaff.token, body: { decision: 'pass', reason: '材料齐全，同意报区级审核' },
      })
    }
    for (const n of [1, 2, 3]) await api(backend.base, 'POST', '/api/mp/v1/auth/dev-login', { body: { openid: `e2e-resident-${n}`, role: 'resident' } })
  })

  after(async () => {
    await browser?.close()
    backend?.stop()
  })

  /** A fresh signed-out page at 1366×768; its screenshot is kept when the scenario fails. */
  function scenario(name, fn) {
    test(name, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'zh-CN' })
      const page = await context.newPage()
      const errors = []
      page.on('pageerror', (e) => errors.push(e.message))
      try {
        await fn(page)
        assert.deepEqual(errors, [], 'no uncaught errors in the page')
      } catch (e) {
        mkdirSync(RESULTS, { recursive: true })
        const file = join(RESULTS, `${name.replace(/[^\w\u4e00-\u9fff-]+/g, '_')}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        console.error(`screenshot: ${file}\n--- backend log tail ---\n${backend.log().slice(-3000)}`)
        throw e
      } finally {
        await context.close()
      }
    })
  }

  /** A registration by a new leader, passed by the town and approved by the district: an active organization. */
  async function activeOrg(openid, name) {
    const towns = (await api(backend.base, 'GET', '/api/mp/v1/regions')).items
    const first = await api(backend.base, 'POST', '/api/mp/v1/auth/dev-login', { body: { openid, role: 'resident' } })
    const org = await api(backend.base, 'POST', '/api/mp/v1/orgs', {
      token: first.token,
      body: {
        name, legal_form: 'social_group', category: 'community_service', town_id: towns[0].id,
        contact_name: '测试联系人', contact_phone: '13912345678', description: '浏览器测试',
        charter_text: '第一条 本会坚持中国共产党的全面领导，遵守宪法和法律。',
      },
    })
    const townStaff = await api(backend.base, 'POST', '/api/mp/v1/auth/dev-login', {
      body: { openid: 'e2e-town-staff', role: 'staff', scope_region_id: towns[0].id },
    })
    await api(backend.base, 'POST', `/api/admin/v1/orgs/${org.id}/town-review`, { token: townStaff.token, body: { decision: 'pass', reason: '' } })
    const { token } = await api(backend.base, 'POST', '/api/admin/v1/auth/login', { body: backend.district })
    await api(backend.base, 'POST', `/api/admin/v1/orgs/${org.id}/review`, { token, body: { decision: 'approve', reason: '' } })
    return { org, token }
  }
  const beijing = (days) => new Date(Date.now() + 8 * 3600e3 + days * 864e5).toISOString().slice(0, 19)

  async function login(page, who, path = '/console/') {
    await page.goto(backend.base + path)
    await page.waitForURL(/\/console\/login/)
    await page.fill('input[name=username]', who.username)
    await page.fill('input[name=password]', who.password)
    await page.keyboard.press('Enter') // Enter submits
    await page.waitForURL((url) => !url.pathname.endsWith('/login'))
  }

  const shot = async (page, name) => {
    if (!DOCS) return
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(800) // let charts and transitions settle
    await page.screenshot({ path: join(DOCS, name) })
  }

  scenario('a wrong password shows the API message and stays on login', async (page) => {
    await page.goto(`${backend.base}/console/login`)
    await page.fill('input[name=username]', backend.district.username)
    await page.fill('input[name=password]', 'not-the-password')
    await page.click('button[type=submit]')
    const alert = page.locator('[data-test=login-error]')
    await alert.waitFor()
    assert.match(await alert.innerText(), /[\u4e00-\u9fff]/)
    assert.ok(page.url().endsWith('/console/login'))
  })

  scenario('the dashboard counts the pending queue and links to it', async (page) => {
    await login(page, backend.district)
    await page.waitForURL(/\/console\/dashboard/)
    const count = page.locator('[data-test=queue-registrations] .count')
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test=queue-registrations] .count')?.textContent ?? ''))
    assert.equal(await count.innerText(), '3') // the demo's pending registration and the two made above
    await page.locator('canvas').first().waitFor()
    await shot(page, 'console-dashboard.png')
    await page.click('[data-test=queue-registrations]')
    await page.waitForURL(/\/console\/orgs\?status=pending/)
    await page.locator('[data-test=org-table]').getByText('临城街道浏览器测试甲协会').waitFor()
  })

  scenario('approving a pending registration takes it off the queue', async (page) => {
    await login(page, backend.district, `/console/orgs/${created.approve.id}`)
    await page.locator('[data-test=org-name]').waitFor()
    await page.click('[data-test=approve]')
    await shot(page, 'console-review.png')
    await page.click('[data-test=review-submit]')
    await page.locator('[data-test=org-status]', { hasText: '已登记' }).waitFor()
    await page.goto(`${backend.base}/console/orgs?status=pending`)
    const table = page.locator('[data-test=org-table]')
    await table.getByText('临城街道浏览器测试乙协会').waitFor()
    assert.equal(await table.getByText('临城街道浏览器测试甲协会').count(), 0)
  })

  scenario('returning a registration needs a reason and records it', async (page) => {
    await login(page, backend.district, `/console/orgs/${created.return.id}`)
    await page.click('[data-test=return]')
    assert.ok(await page.locator('[data-test=review-submit]').isDisabled(), 'no reason, no submit')
    await page.fill('[data-test=review-reason]', '章程第三条业务范围表述不清，请修改后重新提交')
    await page.click('[data-test=review-submit]')
    await page.locator('[data-test=org-status]', { hasText: '退回修改' }).waitFor()
    await page.getByText('审核意见：章程第三条业务范围表述不清').waitFor()
  })

  scenario('a town officer gives the preliminary opinion and the registration moves to the district', async (page) => {
    const leader = await api(backend.base, 'POST', '/api/mp/v1/auth/dev-login', { body: { openid: 'e2e-leader' } })
    const towns = (await api(backend.base, 'GET', '/api/mp/v1/regions')).items
    const org = await api(backend.base, 'POST', '/api/mp/v1/orgs', {
      token: leader.token,
      body: {
        name: '临城街道浏览器测试丙协会', legal_form: 'social_group', category: 'community_service', town_id: towns[0].id,
        contact_name: '测试联系人', contact_phone: '13912345678', description: '初审测试',
        charter_text: '第一条 本会坚持中国共产党的全面领导，遵守宪法和法律。',
      },
    })
    await login(page, backend.town, `/console/orgs/${org.id}`)
    await page.locator('[data-test=org-stage]', { hasText: '待镇街初审' }).waitFor()
    assert.equal(await page.locator('[data-test=approve]').count(), 0, 'the town does not decide')
    await page.click('[data-test=town-pass]')
    await page.fill('[data-test=review-reason]', '材料齐全，住所经核查属实')
    await page.click('[data-test=review-submit]')
    await page.locator('[data-test=org-stage]', { hasText: '待区级审核' }).waitFor()
    await page.locator('[data-test=town-opinion-banner]', { hasText: '住所经核查属实' }).waitFor()
    assert.equal(await page.locator('[data-test=town-pass]').count(), 0, 'the opinion is given once')
  })

  scenario('the full phone number appears only on an explicit click', async (page) => {
    await login(page, backend.district, `/console/orgs/${created.return.id}`)
    const phone = page.locator('[data-test=contact-phone]')
    await phone.waitFor()
    assert.doesNotMatch(await phone.innerText(), /13912345678/)
    await page.click('[data-test=show-phone]')
    await page.locator('[data-test=contact-phone]', { hasText: '13912345678' }).waitFor()
  })

  scenario("a town officer cannot see another town's organization", async (page) => {
    const { token } = await api(backend.base, 'POST', '/api/admin/v1/auth/login', { body: backend.district })
    const orgs = (await api(backend.base, 'GET', '/api/admin/v1/orgs?status=active&page_size=100', { token })).items
    const elsewhere = orgs.find((o) => o.town && o.town.name !== '临城街道')
    assert.ok(elsewhere, 'the demo has organizations in other towns')
    await login(page, backend.town)
    await page.goto(`${backend.base}/console/orgs`)
    const table = page.locator('[data-test=org-table]')
    await table.getByText('临山社区爱心助老协会').waitFor() // its own town's organization is listed
    assert.equal(await table.getByText(elsewhere.name).count(), 0)
    await page.goto(`${backend.base}/console/orgs/${elsewhere.id}`)
    await page.getByText('社会组织不存在').waitFor()
  })

  scenario('a district-wide notice is approved by a second officer and delivered to 100%', async (page) => {
    await login(page, backend.district, '/console/notices/new')
    await page.fill('[data-test=notice-title]', '关于开展年度工作报告填报的通知')
    await page.fill('[data-test=notice-body]', '请各社会组织于月底前完成年度工作报告填报。')
    await page.click('[data-test=audience-kind]')
    await page.getByRole('option', { name: /全体用户/ }).click()
    await page.locator('[data-test=reach-count]', { hasText: /^[1-9]\d*$/ }).waitFor()
    await page.click('[data-test=notice-save]')
    await page.waitForURL(/\/console\/notices\/\d+$/)
    const noticeUrl = page.url()
    assert.equal(await page.locator('[data-test=notice-approve]').count(), 0, 'the author cannot approve their own notice')
    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/\/console\/login/)
    await page.fill('input[name=username]', backend.second.username)
    await page.fill('input[name=password]', backend.second.password)
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => !url.pathname.endsWith('/login'))
    await page.goto(noticeUrl)
    await page.click('[data-test=notice-approve]')
    await page.click('[data-test=notice-send]')
    await page.locator('[data-test=delivery-progress] [data-percent="100"]').waitFor({ timeout: 60_000 })
    await page.locator('[data-test=notice-status]', { hasText: '已完成' }).waitFor()
  })

  scenario('a grant application advances with its action buttons and the assignment shows conflicts', async (page) => {
    // An active organization with a submitted application, through the real API.
    const { org, token } = await activeOrg('e2e-grant-leader', '临城街道浏览器测试创投协会')
    const program = await api(backend.base, 'POST', '/api/admin/v1/grants/programs', {
      token,
      body: {
        year: 2026, name: '浏览器测试公益创投', total_budget: '500000', per_project_cap: '50000', opens_at: beijing(-1), closes_at: beijing(10),
        rubric: [{ key: 'need', name: '需求分析', weight: 50 }, { key: 'design', name: '项目设计', weight: 50 }],
      },
    })
    await api(backend.base, 'POST', '/api/admin/v1/grants/experts', { token, body: { name: '关联专家', affiliation: '测试单位', org_links: [org.id] } })
    const leader = await api(backend.base, 'POST', '/api/mp/v1/auth/dev-login', { body: { openid: 'e2e-grant-leader' } })
    const draft = await api(backend.base, 'POST', `/api/mp/v1/grants/programs/${program.id}/applications`, {
      token: leader.token,
      body: { project_name: '邻里守望助老项目', focus_area: '公益慈善', objectives: '为独居老人提供探访服务', budget_lines: [{ category: '活动物料', amount: '20000' }] },
    })
    await api(backend.base, 'POST', `/api/mp/v1/grants/applications/${draft.id}/submit`, { token: leader.token })

    await login(page, backend.district, '/console/grants')
    await page.locator('[data-test=program-table]').getByText('浏览器测试公益创投').click()
    await page.click('[data-test=stage-formal]')
    const table = page.locator('[data-test=application-table]')
    await table.getByText('已提交').waitFor()
    await table.getByText('邻里守望助老项目').click()
    await page.locator('[data-test=application-status]', { hasText: '已提交' }).waitFor()
    assert.equal(await page.locator('[data-test=action-approve]').count(), 0, 'only the next steps of the status are offered')
    await page.click('[data-test=action-pass_formal]')
    await page.click('[data-test=action-submit]')
    await page.locator('[data-test=application-status]', { hasText: '形式审查通过' }).waitFor()
    await page.click('[data-test=action-assign_experts]')
    await page.locator('[data-test=assign-table] [data-test=expert-conflict]', { hasText: '须回避' }).waitFor()
    await page.click('[data-test=assign-submit]')
    const error = page.locator('[data-test=assign-error]')
    await error.waitFor()
    assert.match(await error.innerText(), /[\u4e00-\u9fff]/, 'the pool shortage is shown as the API message')
    await page.goto(`${backend.base}/console/grants/programs/${program.id}?stage=review`)
    await page.locator('[data-test=application-table]').getByText('形式审查通过').waitFor()
  })

  scenario('an incubation request is admitted from the queue and takes a place at the base', async (page) => {
    const { org, token } = await activeOrg('e2e-incubation-leader', '临城街道浏览器测试孵化协会')
    const base = await api(backend.base, 'POST', '/api/admin/v1/incubation/bases', {
      token, body: { name: '浏览器测试区级孵化基地', tier: 'district', support_types: ['党建指导', '活动场地'], quota: 5 },
    })
    await api(backend.base, 'POST', `/api/admin/v1/incubation/bases/${base.id}/windows`, { token, body: { opens_at: beijing(-1), closes_at: beijing(10) } })
    const leader = await api(backend.base, 'POST', '/api/mp/v1/auth/dev-login', { body: { openid: 'e2e-incubation-leader' } })
    await api(backend.base, 'POST', `/api/mp/v1/incubation/bases/${base.id}/admissions`, {
      token: leader.token, body: { support_types: ['党建指导'], statement: '希望获得党建指导' },
    })
    await login(page, backend.district, '/console/incubation?tab=admissions&status=pending')
    await page.locator('[data-test=admission-table]').getByText(org.name).click()
    await page.locator('[data-test=admission-status]', { hasText: '待审核' }).waitFor()
    await page.click('[data-test=admit]')
    const dateInput = page.locator('.el-dialog .el-date-editor input').first()
    await dateInput.fill(beijing(180).slice(0, 10))
    await dateInput.press('Enter')
    await page.click('[data-test=admission-submit]')
    await page.locator('[data-test=admission-status]', { hasText: '孵化中' }).waitFor()
    await page.goto(`${backend.base}/console/incubation`)
    const row = page.locator('[data-test=base-table] .el-table__row', { hasText: '浏览器测试区级孵化基地' })
    await row.getByText('1 / 5').waitFor()
  })

  scenario('past recruitment windows are listed with what each brought in', async (page) => {
    const { token } = await api(backend.base, 'POST', '/api/admin/v1/auth/login', { body: backend.district })
    const base = await api(backend.base, 'POST', '/api/admin/v1/incubation/bases', {
      token, body: { name: '浏览器测试往期招募基地', tier: 'district', support_types: ['活动场地'], quota: 3 },
    })
    await api(backend.base, 'POST', `/api/admin/v1/incubation/bases/${base.id}/windows`, {
      token, body: { opens_at: beijing(-40), closes_at: beijing(-10), note: '第一期招募' },
    })
    await login(page, backend.district, '/console/incubation?tab=windows')
    const row = page.locator('[data-test=window-table] .el-table__row', { hasText: '浏览器测试往期招募基地' })
    await row.getByText('第一期招募').waitFor()
    await page.locator('[data-test=window-state]').getByText('招募中').click()
    await row.waitFor({ state: 'detached' })
  })

  scenario('the coverage chart is drawn and its xlsx export downloads', async (page) => {
    await login(page, backend.district, '/console/party')
    await page.locator('[data-test=coverage-chart] canvas').waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=coverage-export]')])
    const file = join(backend.varDir, 'coverage.xlsx')
    await download.saveAs(file)
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const first = execFileSync(PYTHON, ['-c',
      'import sys, openpyxl; ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]; print("|".join(str(c.value) for c in ws[1]))', file])
      .toString().trim()
    assert.match(first, /^ID\|社会组织名称\|统一社会信用代码\|镇街/)
  })

  scenario('an uploaded knowledge document answers a hit test about it', async (page) => {
    await login(page, backend.district, '/console/bot')
    const doc = join(backend.varDir, '薛城区社区议事协商办法.txt')
    writeFileSync(doc, '薛城区社区议事协商办法\n\n第一条 社区议事会每季度召开一次议事协商会议，由社区党组织书记主持。\n\n' +
      '第二条 议事协商结果应当在社区公示栏公示七日。\n')
    await page.setInputFiles('[data-test=kb-file]', doc)
    await page.click('[data-test=kb-upload]')
    await page.locator('[data-test=kb-table]').getByText('薛城区社区议事协商办法.txt').waitFor()
    await page.getByRole('tab', { name: '命中测试' }).click()
    await page.fill('[data-test=hit-question]', '社区议事会多久召开一次议事协商会议？')
    await page.click('[data-test=hit-submit]')
    const first = page.locator('[data-test=hit-table] .el-table__row').first()
    await first.waitFor()
    assert.match(await first.innerText(), /议事协商/)
  })

  scenario('an admin creates a staff account, resets its password, and the new officer must change it first', async (page) => {
    await login(page, backend.admin, '/console/system')
    await page.locator('[data-test=staff-table]').waitFor()
    await page.click('[data-test=staff-new]')
    await page.fill('[data-test=staff-username]', 'e2e_new_officer')
    await page.fill('[data-test=staff-real-name]', '新来的科员')
    await page.fill('[data-test=staff-password]', 'Initial-passw0rd')
    await page.click('[data-test=staff-create]')
    const row = page.locator('[data-test=staff-table] .el-table__row', { hasText: 'e2e_new_officer' })
    await row.waitFor()
    assert.match(await row.innerText(), /新来的科员/)
    await row.locator('[data-test=staff-reset]').click()
    await page.click('[data-test=reset-submit]')
    const temporary = (await page.locator('[data-test=temporary-password]').innerText()).trim()
    assert.ok(temporary.length >= 8, 'a one-time password is shown')
    await page.locator('[data-test=reset-dialog]').getByRole('button', { name: '关闭', exact: true }).click()
    await row.getByText('待改密码').waitFor()
    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/\/console\/login/)
    // The reset password works once: every screen leads to the password page until it is changed.
    await login(page, { username: 'e2e_new_officer', password: temporary }, '/console/orgs')
    await page.waitForURL(/\/console\/password/)
    await page.locator('[data-test=password-required]').waitFor()
    await page.fill('input[name=old_password]', temporary)
    await page.fill('input[name=new_password]', 'Changed-passw0rd')
    await page.fill('input[name=new_password_again]', 'Changed-passw0rd')
    await page.click('[data-test=password-submit]')
    await page.waitForURL(/\/console\/orgs/)
    await page.locator('[data-test=org-table]').waitFor()
    // Not an admin: the 系统 section shows the audit log only, no account or region management.
    await page.goto(`${backend.base}/console/system`)
    await page.locator('[data-test=audit-table]').waitFor()
    assert.equal(await page.getByRole('tab', { name: '工作人员账号' }).count(), 0)
    assert.equal(await page.getByRole('tab', { name: '区域' }).count(), 0)
  })

  scenario('the audit log filters by action', async (page) => {
    await login(page, backend.admin, '/console/system?tab=audit')
    await page.fill('[data-test=audit-action]', 'staff.create')
    await page.click('[data-test=audit-search]')
    const rows = page.locator('[data-test=audit-table] .el-table__row')
    await rows.first().waitFor()
    for (const text of await rows.allInnerTexts()) assert.match(text, /staff\.create/)
  })

  scenario('the audit log finds the actions of an officer by name', async (page) => {
    const { token } = await api(backend.base, 'POST', '/api/admin/v1/auth/login', { body: backend.second })
    await api(backend.base, 'POST', '/api/admin/v1/incubation/bases', {
      token, body: { name: '浏览器测试审计基地', tier: 'district', support_types: ['活动场地'], quota: 2 },
    })
    await login(page, backend.admin, '/console/system?tab=audit')
    await page.fill('[data-test=audit-actor-name]', '第二审核')
    await page.click('[data-test=audit-search]')
    const operators = page.locator('[data-test=audit-table] [data-test=audit-operator]')
    await operators.first().waitFor()
    for (const text of await operators.allInnerTexts()) assert.match(text, /第二审核人（#\d+）/)
  })

  scenario('a credit proposal waits for its answer period to include, and is dropped with a reason', async (page) => {
    const { token } = await api(backend.base, 'POST', '/api/admin/v1/auth/login', { body: backend.district })
    const org = (await api(backend.base, 'GET', '/api/admin/v1/orgs?status=active&page_size=1', { token })).items[0]
    const proposal = await api(backend.base, 'POST', `/api/admin/v1/orgs/${org.id}/credit-entries`, {
      token, body: { credit_list: 'abnormal', ground: 'unreachable', evidence: { 文书编号: '薛民函〔2026〕1号' } },
    })
    await login(page, backend.district, '/console/supervision?tab=credit')
    const row = page.locator('[data-test=credit-table] .el-table__row', { hasText: org.name })
    await row.waitFor()
    assert.match(await row.locator('[data-test=answer-due]').innerText(), new RegExp(proposal.answer_due))
    assert.ok(await row.locator('[data-test=credit-include]').isDisabled(), 'inclusion waits for the answer period')
    await shot(page, 'console-credit.png')
    await row.locator('[data-test=credit-drop]').click()
    assert.ok(await page.locator('[data-test=credit-submit]').isDisabled(), 'no reason, no decision')
    await page.fill('[data-test=credit-reason]', '经核实已在登记住所取得联系')
    await page.click('[data-test=credit-submit]')
    await row.waitFor({ state: 'detached' })
    const entry = await api(backend.base, 'GET', `/api/admin/v1/credit-entries/${proposal.id}`, { token })
    assert.equal(entry.status, 'dropped')
    assert.equal(entry.decision_reason, '经核实已在登记住所取得联系')
  })

  scenario('an inspection plan is drawn and shows its published seed, which recomputes', async (page) => {
    const { token } = await api(backend.base, 'POST', '/api/admin/v1/auth/login', { body: backend.district })
    for (const name of ['抽查甲', '抽查乙', '抽查丙']) {
      await api(backend.base, 'POST', '/api/admin/v1/inspections/inspectors', { token, body: { name, affiliation: '区民政局' } })
    }
    await login(page, backend.district, '/console/supervision?tab=inspections')
    await page.click('[data-test=plan-new]')
    await page.fill('[data-test=plan-title]', '浏览器测试定期抽查')
    await page.locator('input[data-test=plan-date], [data-test=plan-date] input').first().fill('2026-12-20')
    await page.keyboard.press('Enter')
    await page.click('[data-test=plan-submit]')
    await page.waitForURL(/\/console\/supervision\/plans\/\d+$/)
    await page.locator('[data-test=plan-status]', { hasText: '待抽取' }).waitFor()
    await page.click('[data-test=plan-draw]')
    await page.locator('[data-test=plan-status]', { hasText: '已抽取' }).waitFor()
    const seed = (await page.locator('[data-test=plan-seed]').innerText()).trim()
    const id = Number(page.url().split('/').pop())
    assert.equal(seed, (await api(backend.base, 'GET', `/api/mp/v1/inspections/plans/${id}`)).plan.seed, 'the seed shown is the published one')
    assert.ok((await page.locator('[data-test=result-table] .el-table__row').count()) >= 1)
    await page.click('[data-test=plan-verify]')
    await page.locator('[data-test=plan-verified]', { hasText: '复算结果一致' }).waitFor()
  })

  scenario('a town officer sees the supervision queues but no district decisions', async (page) => {
    await login(page, backend.town, '/console/supervision?tab=credit')
    await page.locator('[data-test=credit-table]').waitFor()
    assert.equal(await page.locator('[data-test=credit-include], [data-test=credit-drop]').count(), 0)
    await page.getByRole('tab', { name: '双随机抽查' }).click()
    await page.locator('[data-test=plan-table]').waitFor()
    assert.equal(await page.locator('[data-test=plan-new]').count(), 0)
  })

  scenario('a district officer opens a report year, sees progress by town, and runs the zombie screening', async (page) => {
    await login(page, backend.district, '/console/supervision?tab=reports')
    await page.click('[data-test=year-open]')
    await page.getByRole('dialog').getByRole('button', { name: '开启' }).click()
    await page.getByText(/已开启 \d+ 年度，应报组织 \d+ 家/).waitFor()
    const rows = page.locator('[data-test=progress-table] .el-table__row')
    await rows.first().waitFor()
    assert.match(await rows.last().innerText(), /全区/)
    assert.ok((await rows.count()) >= 2, 'one row per town and the district total')
    await page.getByRole('tab', { name: '僵尸组织清理' }).click()
    await page.click('[data-test=zombie-sweep]')
    await page.getByText(/筛查 (\d+)\/\1，列入 \d+ 家/).waitFor({ timeout: 60_000 })
    await page.locator('[data-test=zombie-table]').waitFor()
  })
})
