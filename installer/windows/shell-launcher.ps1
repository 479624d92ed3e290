<#
.SYNOPSIS
  Make Mini MPP Kiosk the Windows shell of one account (Shell Launcher), or undo it.

.DESCRIPTION
  For a locked-down kiosk or TV PC: when USER logs on, Windows starts kiosk.exe instead of Explorer
  (no taskbar, no desktop), and starts it again whenever it exits or crashes. Other accounts (the
  technician's administrator account) keep the normal Explorer shell.

  Needs Windows 10/11 Enterprise, Education or IoT Enterprise (Shell Launcher is not in Home or Pro:
  there, use the "Start at logon" option of the installer with automatic logon instead).
  The bundle is one-folder, so the process Shell Launcher starts is the app itself and it sees the
  app exit (a one-file build would hand over to a child process and be restarted in a loop).

  Run in an elevated PowerShell:
    powershell -ExecutionPolicy Bypass -File "C:\Program Files\Mini MPP Kiosk\tools\shell-launcher.ps1" -User kiosk
    powershell -ExecutionPolicy Bypass -File "...\shell-launcher.ps1" -User kiosk -Remove
  Then set automatic logon for USER (Sysinternals Autologon, or netplwiz) and restart.

.PARAMETER User
  The local account that should get the kiosk as its shell, e.g. "kiosk".
.PARAMETER Remove
  Give USER the normal Explorer shell again.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$User,
    [switch]$Remove
)
$ErrorActionPreference = "Stop"

$exe = Join-Path (Split-Path -Parent $PSScriptRoot) "kiosk.exe"
if (-not (Test-Path $exe)) { throw "kiosk.exe not found at $exe" }

$feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -ErrorAction SilentlyContinue
if ($null -eq $feature) {
    throw "Shell Launcher is not available on this Windows edition (needs Enterprise, Education or IoT Enterprise)."
}
if ($feature.State -ne "Enabled") {
    Write-Host "Enabling the Shell Launcher feature (a restart may be needed)..."
    Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
}

$sid = (New-Object System.Security.Principal.NTAccount($User)).Translate(
    [System.Security.Principal.SecurityIdentifier]).Value
$launcher = [wmiclass]"\\localhost\root\standardcimv2\embedded:WESL_UserSetting"
$restartShell = 0  # when the shell exits: 0 restart it, 1 restart the PC, 2 shut down

if ($Remove) {
    $launcher.RemoveCustomShell($sid) | Out-Null
    Write-Host "$User gets Explorer again."
    return
}

# Everyone else keeps Explorer; USER gets the kiosk, restarted whenever it exits.
$launcher.SetDefaultShell("explorer.exe", $restartShell) | Out-Null
$launcher.SetCustomShell($sid, "`"$exe`"", $null, $null, $restartShell) | Out-Null
$launcher.SetEnabled($true) | Out-Null
Write-Host "Shell Launcher: $User now starts $exe as its shell (restarted if it exits)."
Write-Host "Next: automatic logon for $User (Sysinternals Autologon or netplwiz), then restart the PC."
